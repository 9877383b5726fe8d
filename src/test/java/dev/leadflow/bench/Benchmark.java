package dev.leadflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Leadflow's benchmark, end to end on PostgreSQL and Redis: the packaged jar in its own JVM, a fake
 * Cloud API, and the phases of docs/performance.md one after the other. Writes one JSON file per run
 * to {@code bench/results/} and prints a summary; exits 1 when a hard check failed (a duplicate send,
 * a lost message, the channel limit broken, a refused request).
 *
 * <p>Run it with {@code bench/run.sh [--smoke]}; {@code --help} lists the parameters.
 */
public final class Benchmark {

    private static final String API_USERNAME = "bench";
    private static final String API_PASSWORD = "bench-api-password";
    /** The harness calls the CRM API, the ops API, deployments and metrics: the admin may do all of it. */
    private static final String ADMIN_USERNAME = "bench-admin";
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final String ACCESS_TOKEN = "bench-access-token";
    private static final String APP_SECRET = "bench-app-secret";
    private static final String VERIFY_TOKEN = "bench-verify-token";
    private static final String PHONE_NUMBER_ID = "100000000000042";
    private static final Path PROCESSES = Path.of("bench", "processes");
    private static final Path LOGS = Path.of("target", "bench");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One phase in the result file: its figures, what it cost, and the rows it wrote per unit of work. */
    record Phase(Object figures, Meter.Usage usage, Meter.RowsPerUnit rowsPerUnit) {
    }

    private final BenchOptions options;
    private final String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Phase> phases = new LinkedHashMap<>();
    private final Checks checks = new Checks();
    private final List<String> summary = new ArrayList<>();
    private final Leads leads = new Leads();
    private final Duration stall;
    private final int clients;
    private FakeCloudApi fake;
    private BenchDatabase db;
    private volatile LeadflowApp app;

    private Benchmark(BenchOptions options) {
        this.options = options;
        this.stall = Duration.ofSeconds(options.number("stall-seconds"));
        this.clients = options.number("clients");
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(BenchOptions.usage());
            return;
        }
        System.exit(new Benchmark(BenchOptions.parse(args)).run());
    }

    private int run() throws Exception {
        Files.createDirectories(LOGS);
        results.put("run", runId);
        results.put("mode", options.text("label").isEmpty() ? options.smoke() ? "smoke" : "full" : options.text("label"));
        results.put("commit", Machine.gitCommit());
        // with --jar the Leadflow measured is that jar, whatever the checkout's commit (before/after runs)
        results.put("jar", options.text("jar").isEmpty() ? "built from the commit" : options.text("jar"));
        results.put("options", options.all());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEarly));
        String host = options.text("pg-host");
        String database = options.text("database");
        String user = options.text("pg-user");
        String password = options.text("pg-password");
        BenchDatabase.recreate(host, database, user, password);
        try (FakeCloudApi fakeCloudApi = new FakeCloudApi(ACCESS_TOKEN, options.number("status-posters"));
             BenchDatabase benchDatabase = new BenchDatabase(host, database, user, password);
             AutovacuumStandIn autovacuum = AutovacuumStandIn.startIfNeeded(BenchDatabase.url(host, database), user,
                     password, options.number("autovacuum-naptime"))) {
            fake = fakeCloudApi;
            db = benchDatabase;
            Map<String, Object> machine = Machine.describe(db.version());
            machine.put("autovacuum", autovacuum == null ? "the server's" : "off on the server: the harness's stand-in"
                    + " every " + options.number("autovacuum-naptime") + " s");
            machine.put("leadflowJava", appJava());
            results.put("machine", machine);
            measure();
            machine.put("loadAverageAtEnd", Machine.loadAverage());
            if (autovacuum != null) {
                machine.put("autovacuumStandIn", Map.of("vacuums", autovacuum.vacuums(),
                        "analyses", autovacuum.analyses()));
            }
        } catch (Exception e) {
            e.printStackTrace();
            results.put("error", e.toString());
            checks.hard("the benchmark ran to its end", "no error", e, false);
        } finally {
            stopLeadflow();
            if (!options.flag("keep-database")) {
                BenchDatabase.drop(host, database, user, password);
            }
        }
        Path file = writeResults();
        System.out.println(String.join("\n", summary));
        System.out.println();
        System.out.println(checks.table());
        System.out.println("Results: " + file);
        System.out.println("benchmark: " + checks.tally());
        return checks.hardFailure() ? 1 : 0;
    }

    /**
     * Up to the burst the channel runs at a raised rate, so that the end-to-end figures show Leadflow's
     * pace rather than the limit's; the burst runs at Meta's default, restarting Leadflow when it differs.
     */
    private void measure() throws Exception {
        int endToEndRate = options.number("e2e-channel-rate");
        int burstRate = options.number("burst-channel-rate");
        app = startLeadflow("A", endToEndRate);
        engine().deploy("leadflow-bench", bpmnFiles());
        warmUp();
        EngineBaseline.Result baseline;
        try (Meter meter = new Meter(app, db)) {
            baseline = engineBaseline(meter);
            endToEnd(meter, baseline);
            priorities(meter);
            scaleAtRest(meter, fillUp(meter));
        }
        boolean restarted = burstRate != endToEndRate;
        if (restarted) {
            stopLeadflow();
            app = startLeadflow("B", burstRate);
        }
        try (Meter meter = new Meter(app, db)) {
            timerBurst(meter, baseline, burstRate, restarted);
            webhookIngestion(meter);
            dashboardAnalytics(meter);
        }
        int duplicates = fake.duplicates().size();
        checks.hard("zero duplicates (one message per idempotency key at the fake)", "0", duplicates,
                duplicates == 0);
    }

    /**
     * Both measured paths once, unmeasured: a JVM fresh from its start spends much of its CPU compiling,
     * which would be counted against whichever phase comes first.
     */
    private void warmUp() throws Exception {
        int count = options.number("warmup");
        if (count <= 0) {
            return;
        }
        reportStatuses();
        EndToEnd.run("warm-up", runId + "-warmup", count, clients, 0, Duration.ZERO, app.api(), fake, leads, stall);
        EngineBaseline.run(engine(), db, runId + "-warmup", count, clients, stall);
        summary.add("Warm-up: %d leads and %d baseline instances, not measured".formatted(count, count));
    }

    private EngineBaseline.Result engineBaseline(Meter meter) throws Exception {
        Meter.Start start = meter.start(true);
        EngineBaseline.Result baseline = EngineBaseline.run(engine(), db, runId, options.number("baseline"), clients,
                stall);
        record("engineBaseline", baseline, meter.stop(start), baseline.completed());
        checks.hard("baseline: every instance started and completed", "0 missing",
                baseline.instances() - baseline.completed(),
                baseline.starts().failed() == 0 && baseline.completed() == baseline.instances());
        summary.add("Engine baseline: %.1f instances/s (%d instances, %d clients)"
                .formatted(baseline.instancesPerSecond(), baseline.instances(), clients));
        return baseline;
    }

    /** As fast as the clients go (0 ms and slow Cloud API), and paced at the target rate. */
    private void endToEnd(Meter meter, EngineBaseline.Result baseline) throws Exception {
        reportStatuses();
        int leadCount = options.number("e2e");
        EndToEnd.Result fast = endToEndPhase(meter, "endToEnd", "0 ms Cloud API", "e2e", leadCount, 0,
                Duration.ZERO, true);
        double ratio = baseline.instancesPerSecond() == 0 ? 0
                : Stats.round(fast.messagesPerSecond() / baseline.instancesPerSecond());
        results.put("endToEndToBaselineRatio", ratio);
        checks.target("end to end sustained on one node", ">= 100 msg/s", fast.messagesPerSecond() + " msg/s",
                fast.messagesPerSecond() >= 100);
        checks.target("end to end / engine baseline", ">= 1.0", ratio, ratio >= 1.0);
        Meter.Usage usage = phases.get("endToEnd").usage();
        if (fast.messages() > 0) {
            double cpuMillis = 1000 * (usage.leadflowCpuSeconds() + usage.postgresCpuSeconds()) / fast.messages();
            checks.target("CPU per message, Leadflow + PostgreSQL", "<= 18 ms", "%.1f ms".formatted(cpuMillis),
                    cpuMillis <= 18);
            if (usage.writes() != null) {
                double rows = (double) usage.writes().inserted() / fast.messages();
                checks.target("rows inserted per message", "<= 24", "%.1f".formatted(rows), rows <= 24);
            }
        }

        int pacedRate = options.number("paced-rate");
        if (pacedRate > 0) {
            EndToEnd.Result paced = endToEndPhase(meter, "endToEndPaced", "0 ms Cloud API, " + pacedRate
                    + " leads/s", "paced", leadCount, pacedRate, Duration.ZERO, false);
            checks.target("lead to send with leads offered at " + pacedRate + "/s (p99)", "<= 2000 ms",
                    "%.0f ms".formatted(paced.leadToSendMillis().p99()), paced.leadToSendMillis().p99() <= 2000);
        }
        int latency = options.number("slow-latency-ms");
        endToEndPhase(meter, "endToEndSlowApi", latency + " ms Cloud API", "slow", options.number("e2e-slow"), 0,
                Duration.ofMillis(latency), false);
    }

    /** The fake reports the configured statuses of every message it accepts, signed as Meta signs them. */
    private void reportStatuses() {
        fake.reportStatuses(options.list("statuses", ","), new StatusWebhooks(app.open(), APP_SECRET,
                PHONE_NUMBER_ID));
    }

    /** Utility messages due while a burst of marketing welcomes waits: are they sent first? */
    private void priorities(Meter meter) throws Exception {
        int welcomes = options.number("priority-welcomes");
        List<String> existing = leads.all();
        List<String> urgentLeads = existing.subList(0, Math.min(options.number("priority-urgent"), existing.size()));
        if (welcomes <= 0 || urgentLeads.isEmpty()) {
            return;
        }
        // due once the welcomes have had a few seconds to pile up behind the clients' creations
        Duration dueIn = Duration.ofSeconds(options.smoke() ? 3 : 10);
        Meter.Start start = meter.start(false);
        Priorities.Result result = Priorities.run(runId + "-priority", welcomes, urgentLeads, dueIn, clients,
                engine(), app.api(), fake, leads, stall);
        record("priorities", result, meter.stop(start), result.welcomesSent() + result.urgentSent());
        checks.hard("priorities: every welcome and urgent message sent", "0 missing", result.missing(),
                result.missing() == 0 && result.creations().failed() == 0 && result.urgentStarts().failed() == 0);
        checks.target("a utility message due during a welcome burst: lateness p99", "<= 5000 ms",
                "%.0f ms (welcomes' lead to send p50 %.0f ms)".formatted(result.urgentLatenessMillis().p99(),
                        result.welcomeLeadToSendMillis().p50()),
                result.urgentLatenessMillis().p99() <= 5000);
        summary.add(("Priorities: %d utility messages due during %d welcomes: lateness %s; welcomes' lead to send %s")
                .formatted(result.urgent(), result.welcomes(), result.urgentLatenessMillis(),
                        result.welcomeLeadToSendMillis()));
    }

    /** Creates leads through the end-to-end path until the leads at rest (or the burst) are there. */
    private Meter.Usage fillUp(Meter meter) throws Exception {
        int missing = Math.max(options.number("rest-leads"), options.number("burst")) - leads.all().size();
        if (missing <= 0) {
            return null;
        }
        endToEndPhase(meter, "fill", "filling up to the leads at rest", "fill", missing, 0, Duration.ZERO, false);
        return phases.get("fill").usage();
    }

    private EndToEnd.Result endToEndPhase(Meter meter, String phase, String name, String idPrefix, int leadCount,
                                          double pacedRate, Duration latency, boolean countWrites) throws Exception {
        Meter.Start start = meter.start(countWrites);
        EndToEnd.Result result = EndToEnd.run(name, runId + "-" + idPrefix, leadCount, clients, pacedRate, latency,
                app.api(), fake, leads, stall);
        record(phase, result, meter.stop(start), result.messages());
        checks.hard(name + ": every lead created", "0 refused", result.creations().failed(),
                result.creations().failed() == 0);
        checks.hard(name + ": every welcome sent", "0 missing", result.missing(), result.missing() == 0);
        checks.hard(name + ": every status webhook accepted", "0 refused", result.statusesRefused(),
                result.statusesRefused() == 0);
        summary.add(("End to end (%s): %d leads, %.1f msg/s (steady %.1f), lead to send %s, status webhooks %s")
                .formatted(name, leadCount, result.messagesPerSecond(), result.steadyMessagesPerSecond(),
                        result.leadToSendMillis(), result.statusAnswerMillis()));
        return result;
    }

    /** @param filling what filling up cost, for its heap peak; null when nothing was filled */
    private void scaleAtRest(Meter meter, Meter.Usage filling) throws Exception {
        Meter.Start start = meter.start(false);
        ScaleAtRest.Result rest = ScaleAtRest.run(app, db, engine(), leads.all(), options.number("timeline-samples"),
                options.number("probes"), Duration.ofMillis(options.number("probe-spacing-ms")), runId + "-probe");
        Meter.Usage resting = meter.stop(start);
        record("scaleAtRest", rest, resting, 0);
        double peakHeap = Math.max(resting.peakHeapMb(), filling == null ? 0 : filling.peakHeapMb());
        checks.target("heap with " + rest.leads() + " leads waiting", "<= 512 MB",
                "live %.0f MB, peak used %.0f MB".formatted(rest.liveHeapMb(), peakHeap),
                rest.liveHeapMb() <= 512 && peakHeap <= 512);
        checks.hard("timeline of a lead at rest answered", "0 failures", rest.timelineFailures(),
                rest.timelineFailures() == 0);
        summary.add(("Scale at rest: %d leads, %d waiting timers, database %.0f MB, live heap %.0f MB, RSS %.0f MB,"
                + " timeline %s, timer lateness %s").formatted(rest.leads(), rest.waitingTimers(), rest.databaseMb(),
                rest.liveHeapMb(), rest.rssMb(), rest.timelineMillis(), rest.acquisition().latenessMillis()));
    }

    private void timerBurst(Meter meter, EngineBaseline.Result baseline, int channelRate, boolean restarted)
            throws Exception {
        fake.reportStatuses(List.of(), null);
        fake.latency(Duration.ZERO);
        List<String> all = leads.all();
        List<String> burstLeads = all.subList(0, Math.min(options.number("burst"), all.size()));
        double startsPerSecond = Math.max(1, baseline.starts().requestsPerSecond());
        if (restarted) {
            warmUpBurst(all.subList(burstLeads.size(), all.size()), channelRate, startsPerSecond);
        }
        Duration dueIn = dueOnceStarted(burstLeads.size(), startsPerSecond, Duration.ofSeconds(10));
        Meter.Start start = meter.start(false);
        TimerBurst.Result burst = TimerBurst.run(engine(), db, fake, burstLeads, channelRate, dueIn, clients, stall);
        record("timerBurst", burst, meter.stop(start), burst.sent());
        checks.hard("timer burst: every reminder sent", "0 missing", burst.missing(),
                burst.missing() == 0 && burst.starts().failed() == 0);
        checks.hard("timer burst: peak sends in any second", "<= " + channelRate + " (channel limit)",
                burst.peakPerRollingSecond(), burst.peakPerRollingSecond() <= channelRate);
        double pace = burst.minimumDrainSeconds() == 0 ? 0 : burst.drainSeconds() / burst.minimumDrainSeconds();
        checks.target("timer burst drained at the channel's pace", "<= 1.15x, 0 send retries",
                "%.2fx, %d send retries".formatted(pace, burst.sendRetries()),
                pace <= 1.15 && burst.sendRetries() == 0);
        summary.add(("Timer burst: %d reminders at %d/s: drained in %.0f s (at best %.0f s), lateness %s,"
                + " peak %d/s, %d send retries").formatted(burst.reminders(), channelRate, burst.drainSeconds(),
                burst.minimumDrainSeconds(), burst.latenessMillis(), burst.peakPerRollingSecond(),
                burst.sendRetries()));
    }

    /**
     * On a node restarted for the burst's channel rate, a smaller burst first on other leads, unmeasured:
     * otherwise the measured one would pay for compiling the timer and send path.
     */
    private void warmUpBurst(List<String> spareLeads, int channelRate, double startsPerSecond) throws Exception {
        int count = Math.min(options.number("warmup") / 4, spareLeads.size());
        if (count <= 0) {
            return;
        }
        TimerBurst.run(engine(), db, fake, spareLeads.subList(0, count), channelRate,
                dueOnceStarted(count, startsPerSecond, Duration.ofSeconds(2)), clients, stall);
        summary.add("Warm-up of the restarted node: a burst of %d reminders, not measured".formatted(count));
    }

    /** A due time every instance should be started before: the baseline's start rate, with a margin. */
    private static Duration dueOnceStarted(int instances, double startsPerSecond, Duration margin) {
        return margin.plusMillis((long) (1250 * instances / startsPerSecond));
    }

    /** Statuses of the burst's messages, which the fake did not report. */
    private void webhookIngestion(Meter meter) throws Exception {
        Meter.Start start = meter.start(false);
        WebhookIngestion.Result ingestion = WebhookIngestion.run(
                new StatusWebhooks(app.open(), APP_SECRET, PHONE_NUMBER_ID),
                fake.receipts(r -> r.flow().equals(TimerBurst.PROCESS_KEY)), options.list("statuses", ","),
                options.numbers("webhook-levels"), options.number("webhook-requests"));
        record("webhookIngestion", ingestion, meter.stop(start),
                ingestion.levels().stream().mapToLong(level -> level.load().requests()).sum());
        WebhookIngestion.Level best = ingestion.best();
        checks.target("webhook ingestion with median answer < 250 ms", ">= 3000 statuses/s", best == null
                        ? "none under 250 ms"
                        : "%.0f statuses/s (median %.0f ms, p99 %.0f ms)".formatted(ingestion.statusesPerSecond(),
                                best.load().answerMillis().p50(), best.load().answerMillis().p99()),
                ingestion.statusesPerSecond() >= 3000);
        for (WebhookIngestion.Level level : ingestion.levels()) {
            summary.add("Webhook ingestion, %d clients: %.0f statuses/s, answers %s, %d failed".formatted(
                    level.clients(), level.load().requestsPerSecond(), level.load().answerMillis(),
                    level.load().failed()));
        }
    }

    /** Last, as it fills the ledger with a year of messages the other phases must not see. */
    private void dashboardAnalytics(Meter meter) throws Exception {
        int attempts = options.number("analytics-attempts");
        if (attempts <= 0) {
            return;
        }
        Meter.Start start = meter.start(false);
        DashboardAnalytics.Result analytics = DashboardAnalytics.run(db, app.api(), attempts);
        record("dashboardAnalytics", analytics, meter.stop(start), 0);
        checks.hard("the ops dashboard answers on a year of data", "200", analytics.timings().stream()
                .map(t -> t.request() + ": " + t.status()).toList(), analytics.allAnswered());
        checks.target("the ops dashboard's slowest request (median)", "< 2000 ms",
                "%.0f ms".formatted(analytics.worstMedianMillis()), analytics.worstMedianMillis() < 2000);
        summary.add("Ops dashboard on %d messages over a year (%d replies, %d CRM outcomes; seeded in %.0f s):"
                .formatted(analytics.attempts(), analytics.replies(), analytics.crmEvents(), analytics.seedSeconds()));
        analytics.timings().forEach(t -> summary.add("  %s: %s".formatted(t.request(), t.millis())));
    }

    private void record(String name, Object figures, Meter.Usage usage, long units) {
        phases.put(name, new Phase(figures, usage, Meter.RowsPerUnit.of(usage.writes(), units)));
        if (units > 0) {
            summary.add(("  %s cost: %.1f s, CPU ms per unit: Leadflow %.2f, PostgreSQL %.2f, benchmark %.2f;"
                    + " peak heap %.0f MB, peak RSS %.0f MB%s").formatted(name, usage.seconds(),
                    1000 * usage.leadflowCpuSeconds() / units, 1000 * usage.postgresCpuSeconds() / units,
                    1000 * usage.benchmarkCpuSeconds() / units, usage.peakHeapMb(), usage.peakRssMb(),
                    usage.writes() == null ? "" : "; rows per unit: %.1f inserted, %.1f updated, %.1f deleted"
                            .formatted((double) usage.writes().inserted() / units,
                                    (double) usage.writes().updated() / units,
                                    (double) usage.writes().deleted() / units)));
        }
    }

    private EngineRest engine() {
        return new EngineRest(app.api());
    }

    /**
     * Quiet hours open all day, every day: a run on the real clock must not depend on the hour it starts
     * at (the leads live in Sao Paulo, where it may be night).
     */
    static final Map<String, String> ALWAYS_OPEN = Map.of(
            "LEADFLOW_MARKETS_DEFAULT_SENDFROM", "00:00",
            "LEADFLOW_MARKETS_DEFAULT_SENDUNTIL", "24:00",
            "LEADFLOW_MARKETS_DEFAULT_CLOSEDDAYS", "");

    private LeadflowApp startLeadflow(String part, int channelRatePerSecond) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(ALWAYS_OPEN);
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("SPRING_DATASOURCE_URL", BenchDatabase.url(options.text("pg-host"), options.text("database")));
        env.put("SPRING_DATASOURCE_USERNAME", options.text("pg-user"));
        env.put("SPRING_DATASOURCE_PASSWORD", options.text("pg-password"));
        env.put("SPRING_DATA_REDIS_HOST", options.text("redis-host"));
        env.put("SPRING_DATA_REDIS_PORT", options.text("redis-port"));
        env.put("LEADFLOW_API_USERNAME", API_USERNAME);
        env.put("LEADFLOW_API_PASSWORD", API_PASSWORD);
        env.put("LEADFLOW_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("LEADFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("LEADFLOW_WHATSAPP_BASE_URL", fake.baseUrl());
        env.put("LEADFLOW_WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);
        env.put("LEADFLOW_WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("LEADFLOW_WHATSAPP_VERIFY_TOKEN", VERIFY_TOKEN);
        env.put("LEADFLOW_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        env.put("LEADFLOW_MESSAGING_CHANNEL_RATE_PER_SECOND", String.valueOf(channelRatePerSecond));
        for (String setting : options.list("app-env", ",")) {
            int equals = setting.indexOf('=');
            env.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        List<String> jvm = new ArrayList<>(options.list("app-jvm-opts", " "));
        if (options.flag("jfr")) {
            jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
            jvm.add("-XX:StartFlightRecording=filename=" + recording(part) + ",settings=profile,dumponexit=true");
        }
        Path log = LOGS.resolve(runId + "-leadflow-" + part + ".log");
        System.out.println("Starting Leadflow " + part + " (log: " + log + ")");
        return LeadflowApp.start(part, appJava(), jar(), jvm, env, ADMIN_USERNAME, ADMIN_PASSWORD, log, START_TIMEOUT,
                LeadflowApp.freePort());
    }

    /** The java launcher Leadflow runs on: {@code --app-java}, or the benchmark's own. */
    private String appJava() {
        String given = options.text("app-java");
        return given.isBlank() ? LeadflowApp.currentJava() : given;
    }

    /** Stops Leadflow, and summarises its flight recording when there is one. */
    private void stopLeadflow() {
        LeadflowApp running = app;
        app = null;
        if (running == null) {
            return;
        }
        running.close();
        Path recording = recording(running.part());
        if (options.flag("jfr") && Files.exists(recording) && running.healthyAt() != null) {
            try {
                results.put("hotSpots" + running.part(), JfrHotSpots.read(recording, running.healthyAt(), 15));
            } catch (IOException e) {
                results.put("hotSpots" + running.part(), "unreadable: " + e);
            }
        }
    }

    private Path recording(String part) {
        return LOGS.resolve(runId + "-leadflow-" + part + ".jfr");
    }

    private Path jar() throws IOException {
        if (!options.text("jar").isBlank()) {
            return options.path("jar");
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("leadflow-.*\\.jar"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException(
                            "No target/leadflow-*.jar: build it with ./mvnw -DskipTests package"));
        }
    }

    private static List<Path> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    /**
     * Stopped before its end (Ctrl-C, a time limit): the phases measured so far are kept, marked as an
     * interrupted run, instead of being lost with the process.
     */
    private void stopEarly() {
        stopLeadflow();
        synchronized (results) {
            if (!results.containsKey("phases")) {
                results.put("interrupted", "stopped before its end; the phases below are those that finished");
                try {
                    System.out.println(String.join("\n", summary));
                    System.out.println("Results so far: " + writeResults());
                } catch (IOException | RuntimeException e) {
                    System.err.println("Could not write the results so far: " + e);
                }
            }
        }
    }

    private Path writeResults() throws IOException {
        synchronized (results) {
            results.put("phases", new LinkedHashMap<>(phases));
            results.put("checks", checks.all());
            return writeResultsFile();
        }
    }

    private Path writeResultsFile() throws IOException {
        Path directory = options.path("results-dir");
        Files.createDirectories(directory);
        Path file = directory.resolve(runId + "-" + results.get("mode") + ".json");
        JSON.writeValue(file.toFile(), results);
        return file;
    }
}
