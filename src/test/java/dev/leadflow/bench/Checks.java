package dev.leadflow.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures held against their targets. A failed hard check (a duplicate, a lost message, the channel
 * limit broken, a refused request) fails the run; a missed performance target is reported.
 */
final class Checks {

    record Check(String name, String target, String measured, boolean passed, boolean hard) {
    }

    private final List<Check> checks = new ArrayList<>();

    void hard(String name, String target, Object measured, boolean passed) {
        checks.add(new Check(name, target, String.valueOf(measured), passed, true));
    }

    void target(String name, String target, Object measured, boolean passed) {
        checks.add(new Check(name, target, String.valueOf(measured), passed, false));
    }

    boolean hardFailure() {
        return checks.stream().anyMatch(check -> check.hard() && !check.passed());
    }

    List<Check> all() {
        return List.copyOf(checks);
    }

    /** The hard checks as a test runner's closing line, for CI. */
    String tally() {
        long hard = checks.stream().filter(Check::hard).count();
        long failed = checks.stream().filter(check -> check.hard() && !check.passed()).count();
        return "%d passed, %d failed".formatted(hard - failed, failed);
    }

    String table() {
        StringBuilder table = new StringBuilder("| check | target | measured | |\n|---|---|---|---|\n");
        for (Check check : checks) {
            table.append("| %s | %s | %s | %s |%n".formatted(check.name(), check.target(), check.measured(),
                    check.passed() ? "ok" : check.hard() ? "**FAILED**" : "missed"));
        }
        return table.toString();
    }
}
