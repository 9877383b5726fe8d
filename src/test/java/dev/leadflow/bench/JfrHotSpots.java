package dev.leadflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where Leadflow's CPU time went, from a flight recording of the measured phases: the methods and packages on top of the
 * sampled stacks (self time), Leadflow's own methods anywhere on the stack (inclusive time), and the
 * garbage collector's pauses.
 */
final class JfrHotSpots {

    private static final String OWN_PACKAGE = "dev.leadflow.";

    /** Shares of the execution samples, in percent, largest first. */
    record Summary(long samples, Map<String, Double> selfByPackage, Map<String, Double> selfByMethod,
                   Map<String, Double> leadflowInclusive, long gcPauses, double gcPauseMillis) {
    }

    private JfrHotSpots() {
    }

    /** @param from where the measured work began (the start-up before it is left out) */
    static Summary read(Path recording, Instant from, int top) throws IOException {
        Map<String, Long> byPackage = new HashMap<>();
        Map<String, Long> byMethod = new HashMap<>();
        Map<String, Long> leadflow = new HashMap<>();
        long samples = 0;
        long gcPauses = 0;
        double gcPauseMillis = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isBefore(from)) {
                    continue;
                }
                String type = event.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gcPauses++;
                    gcPauseMillis += event.getDuration("sumOfPauses").toNanos() / 1e6;
                } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null
                        && !event.getStackTrace().getFrames().isEmpty()) {
                    samples++;
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    RecordedMethod top1 = frames.get(0).getMethod();
                    byMethod.merge(name(top1), 1L, Long::sum);
                    byPackage.merge(packageOf(top1), 1L, Long::sum);
                    Set<String> own = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        String method = name(frame.getMethod());
                        if (method.startsWith(OWN_PACKAGE)) {
                            own.add(method);
                        }
                    }
                    own.forEach(method -> leadflow.merge(method, 1L, Long::sum));
                }
            }
        }
        return new Summary(samples, shares(byPackage, samples, top), shares(byMethod, samples, top),
                shares(leadflow, samples, top), gcPauses, Stats.round(gcPauseMillis));
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    /** The first three segments of the package: {@code org.postgresql.core}, {@code org.camunda.bpm}. */
    private static String packageOf(RecordedMethod method) {
        String type = method.getType().getName();
        String[] parts = type.split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < Math.min(3, parts.length - 1); i++) {
            name.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return name.length() == 0 ? type : name.toString();
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total, int top) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(entry -> shares.put(entry.getKey(), Stats.round(100.0 * entry.getValue() / total)));
        return shares;
    }
}
