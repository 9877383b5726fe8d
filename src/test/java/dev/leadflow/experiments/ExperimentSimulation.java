package dev.leadflow.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.leadflow.experiments.ExperimentProperties.Definition;
import dev.leadflow.experiments.ExperimentProperties.Variant;

/**
 * A synthetic year of leads whose chance to reply depends on the hour a message arrives and on the variant
 * they get, with the truth known: how often Leadflow's experiments name the true winner (and how often they
 * name one where there is none), and what best-hour sending gains against sending at once. It runs the same
 * code as the application: the hash assignment, the verdict, the reply-hour learning.
 *
 * <pre>bench/experiments.sh [--experiments N] [--leads-per-arm N] [--leads N] [--seed N] [--out FILE]</pre>
 */
public final class ExperimentSimulation {

    private static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    private static final Predicate<Instant> DAYTIME = at -> {
        LocalTime local = at.atZone(ZONE).toLocalTime();
        return at.atZone(ZONE).getDayOfWeek() != DayOfWeek.SUNDAY && !local.isBefore(LocalTime.of(9, 0))
                && local.isBefore(LocalTime.of(20, 0));
    };

    private ExperimentSimulation() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>(Map.of("experiments", "200", "leads-per-arm", "3000",
                "leads", "20000", "seed", "20261205", "out", ""));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(name, args[i + 1]);
        }
        Map<String, Object> result = run(Integer.parseInt(options.get("experiments")),
                Integer.parseInt(options.get("leads-per-arm")), Integer.parseInt(options.get("leads")),
                Long.parseLong(options.get("seed")));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String out = options.get("out");
        if (out.isBlank()) {
            System.out.println(json.writeValueAsString(result));
        } else {
            Files.createDirectories(Path.of(out).toAbsolutePath().getParent());
            Files.writeString(Path.of(out), json.writeValueAsString(result));
            System.out.println("Wrote " + out);
        }
    }

    static Map<String, Object> run(int experiments, int leadsPerArm, int bestHourLeads, long seed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seed", seed);
        result.put("experiments", winnerPicking(experiments, leadsPerArm, seed));
        result.put("bestHour", bestHourGain(bestHourLeads, seed));
        return result;
    }

    /**
     * Experiments with a known true lift of B over A (10 % relative, and none in the A/A runs): each lead is
     * assigned by the application's hash, replies with its variant's true rate, and the verdict is read.
     */
    static Map<String, Object> winnerPicking(int experiments, int leadsPerArm, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Definition definition = new Definition();
        definition.setTemplate("followup.1");
        definition.setMinPerVariant(leadsPerArm / 2);
        definition.setVariants(List.of(variant("A"), variant("B")));
        Map<String, Object> figures = new LinkedHashMap<>();
        for (double lift : new double[] {0.0, 0.10, 0.25}) {
            int rightWinner = 0;
            int wrongWinner = 0;
            int noVerdict = 0;
            for (int e = 0; e < experiments; e++) {
                boolean bIsBetter = random.nextBoolean();
                double base = 0.08 + random.nextDouble() * 0.04;
                double rateA = bIsBetter ? base : base * (1 + lift);
                double rateB = bIsBetter ? base * (1 + lift) : base;
                long[] assigned = new long[2];
                long[] replied = new long[2];
                String experimentId = "sim-" + lift + "-" + e;
                for (int lead = 0; lead < 2 * leadsPerArm; lead++) {
                    Variant variant = Assignment.pick(definition.getVariants(), Variant::getWeight,
                            Assignment.unit(experimentId, "lead-" + lead));
                    int arm = variant.getName().equals("A") ? 0 : 1;
                    assigned[arm]++;
                    if (random.nextDouble() < (arm == 0 ? rateA : rateB)) {
                        replied[arm]++;
                    }
                }
                ExperimentReport report = ExperimentReport.of(experimentId, definition,
                        List.of(counts("A", assigned[0], replied[0]), counts("B", assigned[1], replied[1])),
                        List.of(), Optional.empty(), Instant.EPOCH, Duration.ofDays(7));
                String verdict = report.verdict();
                String trueWinner = bIsBetter ? "B" : "A";
                if (verdict.startsWith("Variant B beats")) {
                    if (lift > 0 && trueWinner.equals("B")) {
                        rightWinner++;
                    } else {
                        wrongWinner++;
                    }
                } else if (verdict.startsWith("The control A beats")) {
                    if (lift > 0 && trueWinner.equals("A")) {
                        rightWinner++;
                    } else {
                        wrongWinner++;
                    }
                } else {
                    noVerdict++;
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("experiments", experiments);
            row.put("leadsPerArm", leadsPerArm);
            row.put("trueRelativeLift", lift);
            row.put("rightWinnerNamed", rightWinner / (double) experiments);
            row.put("wrongWinnerNamed", wrongWinner / (double) experiments);
            row.put("noVerdict", noVerdict / (double) experiments);
            figures.put(lift == 0 ? "noTrueDifference" : String.format(Locale.ROOT, "lift%.0fPercent", lift * 100),
                    row);
        }
        return figures;
    }

    /**
     * A year of leads, each answering best at a preferred hour of its own (drawn from a segment's favourite
     * hours): a lead's earlier replies teach its hour; each lead's next marketing message goes once at the
     * step's time and once at its best hour, and the chance of a reply follows the true preference.
     */
    static Map<String, Object> bestHourGain(int leads, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        int[] segmentHours = {12, 13, 19, 20, 10};
        double base = 0.06;
        double atPreferredHour = 3.0;
        long repliesAtOnce = 0;
        long repliesBestHour = 0;
        long deferred = 0;
        long learnedFromOwn = 0;
        long learnedFromSegment = 0;
        ReplyHours segment = new ReplyHours();
        Instant yearStart = LocalDateTime.of(2026, 1, 5, 0, 0).atZone(ZONE).toInstant();
        List<Integer> preferences = new ArrayList<>();
        for (int lead = 0; lead < leads; lead++) {
            int preferred = segmentHours[random.nextInt(segmentHours.length)] + (random.nextInt(5) == 0 ? 1 : 0);
            preferences.add(preferred);
            Instant arrived = yearStart.plusSeconds(random.nextLong(360L * 24 * 3600));
            ReplyHours own = new ReplyHours();
            int earlierReplies = random.nextInt(9);
            for (int r = 0; r < earlierReplies; r++) {
                Instant reply = arrived.minus(Duration.ofDays(1 + random.nextInt(60)))
                        .atZone(ZONE).withHour(preferred).withMinute(random.nextInt(60)).toInstant();
                own.count(reply, ZONE);
                segment.count(reply, ZONE);
            }
            Instant stepTime = nextAllowed(arrived.plus(Duration.ofDays(1)));
            ReplyHours basis = own.total() >= 5 ? own : segment.total() >= 30 ? segment : null;
            if (basis == own) {
                learnedFromOwn++;
            } else if (basis == segment) {
                learnedFromSegment++;
            }
            Instant bestTime = basis == null ? stepTime
                    : basis.best(stepTime, ZONE, Duration.ofHours(24), DAYTIME).map(ReplyHours.Choice::at)
                    .orElse(stepTime);
            if (bestTime.isAfter(stepTime)) {
                deferred++;
            }
            double draw = random.nextDouble();
            repliesAtOnce += draw < chance(stepTime, preferred, base, atPreferredHour) ? 1 : 0;
            repliesBestHour += draw < chance(bestTime, preferred, base, atPreferredHour) ? 1 : 0;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("leads", leads);
        figures.put("trueModel", "reply chance " + base + " per message, x" + atPreferredHour
                + " in the lead's preferred local hour, x1.5 an hour either side");
        figures.put("replyRateAtOnce", repliesAtOnce / (double) leads);
        figures.put("replyRateBestHour", repliesBestHour / (double) leads);
        figures.put("relativeGain", repliesAtOnce == 0 ? 0 : repliesBestHour / (double) repliesAtOnce - 1);
        figures.put("shareDeferred", deferred / (double) leads);
        figures.put("learnedFromOwnReplies", learnedFromOwn / (double) leads);
        figures.put("learnedFromSegment", learnedFromSegment / (double) leads);
        figures.put("firstRun", DateTimeFormatter.ISO_INSTANT.format(yearStart.atZone(ZoneOffset.UTC)));
        return figures;
    }

    private static double chance(Instant at, int preferredHour, double base, double atPreferredHour) {
        int hour = at.atZone(ZONE).getHour();
        int distance = Math.abs(hour - preferredHour);
        double factor = distance == 0 ? atPreferredHour : distance == 1 ? 1.5 : 1.0;
        return base * factor;
    }

    private static Instant nextAllowed(Instant at) {
        Instant candidate = at;
        while (!DAYTIME.test(candidate)) {
            candidate = candidate.plus(Duration.ofMinutes(15));
        }
        return candidate;
    }

    private static Variant variant(String name) {
        Variant variant = new Variant();
        variant.setName(name);
        return variant;
    }

    private static VariantCounts counts(String variant, long assigned, long replied) {
        return new VariantCounts(variant, assigned, assigned, assigned, assigned, replied, 0, 0, 0, 0);
    }
}
