package dev.sparring.controller.shipping;

/**
 * A log shipper running on its own thread beside the control loop, started by a {@link LogShippingProvider}.
 */
public interface LogShipping extends AutoCloseable {
    /**
     * Lets the shipper ship and get acknowledged what remains in the log for at most {@code graceNs}, then stops its
     * thread, records the acknowledged index in the log directory and releases the transport. Called once the log is
     * flushed; later calls return the same summary.
     *
     * @param graceNs the longest this waits for the receiver; 0 stops at once.
     * @return what was shipped and acknowledged, and what stays in the log for next time.
     */
    ShippingSummary finish(long graceNs);

    /** {@link #finish(long)} with no grace when it has not been called: a run that failed. */
    @Override
    void close();
}
