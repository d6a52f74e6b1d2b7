package dev.sparring.hal;

import java.util.List;

/**
 * What a backend found when it looked for the hardware a description expects ({@link RobotBackend#probe}), for a
 * person checking the wiring before running a policy: report lines in plain text and the expected things that did
 * not answer.
 *
 * @param lines   the report, one line each.
 * @param missing the expected devices or pins that did not answer, one phrase each (empty: all answered).
 */
public record ProbeReport(List<String> lines, List<String> missing) {

    /** Copies the lists. */
    public ProbeReport {
        lines = List.copyOf(lines);
        missing = List.copyOf(missing);
    }

    /**
     * @return whether every expected device and pin answered.
     */
    public boolean allAnswered() {
        return missing.isEmpty();
    }
}
