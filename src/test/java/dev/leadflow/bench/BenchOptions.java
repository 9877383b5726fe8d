package dev.leadflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's parameters: {@code --name value} pairs over the defaults of the full run, or of the
 * smoke run with {@code --smoke}. {@code --help} lists them.
 */
final class BenchOptions {

    private static final Map<String, String[]> DEFAULTS = new LinkedHashMap<>();

    static {
        // name -> { full run, smoke run, meaning }
        define("warmup", "2000", "0", "leads (and as many baseline instances) run before the first measured phase,"
                + " unmeasured: the figures of a node whose JIT has compiled the hot paths, as in production");
        define("baseline", "5000", "100", "instances of the engine baseline (bench-noop)");
        define("e2e", "5000", "100", "leads of the end-to-end run with a 0 ms Cloud API");
        define("e2e-slow", "2000", "50", "leads of the end-to-end run with a 100 ms Cloud API");
        define("paced-rate", "100", "20", "leads/s of the paced end-to-end run (latency at that rate); 0 skips it");
        define("slow-latency-ms", "100", "100", "the Cloud API's latency in the slow end-to-end run");
        define("priority-welcomes", "3000", "100", "welcomes queued in the priorities phase; 0 skips it");
        define("priority-urgent", "50", "5", "utility messages due while those welcomes queue");
        define("clients", "16", "8", "concurrent CRM / REST clients");
        define("rest-leads", "100000", "300", "leads waiting in timers for the scale-at-rest figures");
        define("burst", "50000", "100", "reminders due at the same instant");
        define("timeline-samples", "200", "10", "timeline queries at rest");
        define("probes", "10", "3", "timers of the job acquisition probe");
        define("probe-spacing-ms", "3000", "1000", "time between the probe timers");
        define("webhook-levels", "2,4,8,16,32,64", "4,16", "concurrent webhook clients, level by level");
        define("webhook-requests", "5000", "100", "status webhooks per level");
        // the smoke run keeps one Leadflow and a burst below its channel limit, so CI cannot flake on timing
        define("e2e-channel-rate", "1000", "200",
                "LEADFLOW_MESSAGING_CHANNEL_RATE_PER_SECOND up to the burst (Leadflow restarts when it differs)");
        define("burst-channel-rate", "80", "200",
                "LEADFLOW_MESSAGING_CHANNEL_RATE_PER_SECOND in the burst (80: Meta's default)");
        define("analytics-attempts", "1000000", "20000",
                "ledger messages over a year for the ops dashboard's queries; 0 skips the phase");
        define("statuses", "sent,delivered,read", "sent,delivered,read", "statuses the fake reports per message");
        define("status-posters", "4", "4", "threads of the fake that post status webhooks");
        define("app-java", "", "", "the java launcher of Leadflow (default: the benchmark's own), e.g. another JDK's");
        define("app-jvm-opts", "-Xmx512m", "-Xmx512m", "JVM options of Leadflow (space separated)");
        define("app-env", "", "", "more environment of Leadflow, KEY=VALUE,KEY=VALUE (tuning experiments)");
        define("jfr", "false", "false", "record Leadflow with Java Flight Recorder and summarise the hot spots");
        define("jar", "", "", "the Leadflow jar (default: the newest target/leadflow-*.jar)");
        define("database", "leadflow_bench", "leadflow_bench_smoke", "PostgreSQL database, dropped and created");
        define("keep-database", "false", "false", "keep the database after the run");
        define("autovacuum-naptime", "60", "60", "seconds between the harness's autovacuum passes when the server runs"
                + " without autovacuum (PostgreSQL's default naptime; AutovacuumStandIn); 0: none");
        define("pg-host", "127.0.0.1", "127.0.0.1", "PostgreSQL host (port 5432)");
        define("pg-user", "postgres", "postgres", "PostgreSQL user");
        define("pg-password", "", "", "PostgreSQL password");
        define("redis-host", "127.0.0.1", "127.0.0.1", "Redis host");
        define("redis-port", "6379", "6379", "Redis port");
        define("stall-seconds", "180", "60", "give up waiting when nothing progressed for this long");
        define("results-dir", "bench/results", "bench/results", "where the JSON result goes");
        define("label", "", "", "the run's name in its result file instead of full or smoke (e.g. before, after)");
    }

    private static void define(String name, String full, String smoke, String meaning) {
        DEFAULTS.put(name, new String[] {full, smoke, meaning});
    }

    private final boolean smoke;
    private final Map<String, String> values;

    private BenchOptions(boolean smoke, Map<String, String> values) {
        this.smoke = smoke;
        this.values = values;
    }

    static BenchOptions parse(String... args) {
        List<String> list = Arrays.asList(args);
        boolean smoke = list.contains("--smoke");
        Map<String, String> values = new LinkedHashMap<>();
        DEFAULTS.forEach((name, defaults) -> values.put(name, defaults[smoke ? 1 : 0]));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--smoke")) {
                continue;
            }
            if (!arg.startsWith("--") || !DEFAULTS.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("Unknown option " + arg + "\n" + usage());
            }
            String name = arg.substring(2);
            if (name.equals("jfr") || name.equals("keep-database")) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
        }
        return new BenchOptions(smoke, values);
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("bench/run.sh [--smoke] [--option value ...]\n");
        DEFAULTS.forEach((name, defaults) -> usage.append("  --%-20s %s (full: %s, smoke: %s)%n"
                .formatted(name, defaults[2], defaults[0].isEmpty() ? "-" : defaults[0],
                        defaults[1].isEmpty() ? "-" : defaults[1])));
        return usage.toString();
    }

    boolean smoke() {
        return smoke;
    }

    String text(String name) {
        return values.get(name);
    }

    int number(String name) {
        return Integer.parseInt(values.get(name));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    List<String> list(String name, String separator) {
        List<String> items = new ArrayList<>();
        for (String item : values.get(name).split(separator)) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    List<Integer> numbers(String name) {
        return list(name, ",").stream().map(Integer::valueOf).toList();
    }

    Path path(String name) {
        return Path.of(values.get(name));
    }

    /** Every value, for the result file. */
    Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
