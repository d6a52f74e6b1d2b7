package dev.sparring.controller.shipping;

/**
 * What a {@link LogShipping} did, once it has finished.
 *
 * @param description    where it shipped to and under which name, e.g. {@code 'arm-07' to 10.0.0.2:40123}.
 * @param shipped        records offered and taken by the transport (resent records counted again).
 * @param acknowledged   records the receiver acknowledged as persisted.
 * @param unacknowledged records in the log the receiver has not acknowledged: they stay on disk and are shipped by
 *                       the next run or {@code fleet ship}.
 * @param problem        why shipping stopped early or failed, or null.
 */
public record ShippingSummary(String description, long shipped, long acknowledged, long unacknowledged,
    String problem) {
    /**
     * @return one line for the run summary.
     */
    public String describe() {
        return description + ": " + shipped + " records shipped (resent included), " + acknowledged
            + " acknowledged, " + unacknowledged + " in the log not acknowledged yet"
            + (unacknowledged == 0 ? "" : " (kept on disk, shipped next time)")
            + (problem == null ? "" : "; " + problem);
    }
}
