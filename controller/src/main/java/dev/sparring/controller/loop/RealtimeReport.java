package dev.sparring.controller.loop;

import java.util.List;
import java.util.Objects;

/**
 * What the real-time setup of a thread obtained, step by step, for the run summary.
 * <p>
 * {@link #toString()} prints one line per step, e.g.
 * {@code SCHED_FIFO priority 80 refused: EPERM (Operation not permitted) — run with CAP_SYS_NICE or as root}; a report
 * without steps (the loop stopped before its thread started) prints as not applied.
 *
 * @param steps the steps in the order they were attempted.
 */
public record RealtimeReport(List<Step> steps) {
    /**
     * @param steps the steps in the order they were attempted.
     */
    public RealtimeReport {
        steps = List.copyOf(steps);
    }

    /**
     * Whether every requested step was granted.
     *
     * @return false if any step was refused or unsupported.
     */
    public boolean allRequestedGranted() {
        for (int i = 0; i < steps.size(); i++) {
            final Status status = steps.get(i).status();
            if (status == Status.REFUSED || status == Status.UNSUPPORTED) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "real-time setup: not applied";
        }
        final StringBuilder text = new StringBuilder("real-time setup:");
        for (int i = 0; i < steps.size(); i++) {
            text.append(System.lineSeparator()).append("  ").append(steps.get(i));
        }
        return text.toString();
    }

    /** How a step ended. */
    public enum Status {
        /** The kernel accepted the call. */
        GRANTED,
        /** The kernel refused the call; the step's detail gives the errno and what would help. */
        REFUSED,
        /** The operating system has no such call; the step's detail names the system. */
        UNSUPPORTED,
        /** The setup did not ask for this step. */
        NOT_REQUESTED
    }

    /**
     * One step of the setup.
     *
     * @param name   what was attempted, e.g. {@code SCHED_FIFO priority 80}.
     * @param status how it ended.
     * @param detail why it was refused (errno, message, hint) or the system it is unsupported on; empty otherwise.
     */
    public record Step(String name, Status status, String detail) {
        /**
         * @param name   what was attempted.
         * @param status how it ended.
         * @param detail why it was refused or where it is unsupported; empty otherwise.
         */
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return switch (status) {
                case GRANTED -> name + " granted";
                case REFUSED -> name + " refused: " + detail;
                case UNSUPPORTED -> name + " unsupported on " + detail;
                case NOT_REQUESTED -> name + " not requested";
            };
        }
    }
}
