package dev.leadflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Linux tells about this machine and its processes (/proc). */
final class Machine {

    /** USER_HZ: the unit of /proc/[pid]/stat CPU times, 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Machine() {
    }

    static Map<String, Object> describe(String postgresVersion) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("date", Instant.now().toString());
        info.put("nproc", Runtime.getRuntime().availableProcessors());
        info.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
        info.put("memoryMb", firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(kb -> Long.parseLong(kb.replace("kB", "").trim()) / 1024).orElse(-1L));
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        info.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        info.put("postgres", postgresVersion);
        info.put("loadAverageAtStart", loadAverage());
        return info;
    }

    /** The checked-out commit of what was measured, "-dirty" with local changes; "unknown" outside git. */
    static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String commit = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? commit : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The 1, 5 and 15 minute load averages: how busy the machine was besides the benchmark. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** User plus system CPU seconds a process has used so far; 0 when it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name may contain spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double cpuSeconds(List<Long> pids) {
        return pids.stream().mapToDouble(Machine::cpuSeconds).sum();
    }

    /** Resident set size (VmRSS) or its peak (VmHWM) in bytes; 0 when unknown. */
    static long memoryBytes(long pid, String field) {
        return firstValue(Path.of("/proc/" + pid + "/status"), field)
                .map(kb -> Long.parseLong(kb.replace("kB", "").trim()) * 1024).orElse(0L);
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
