package dev.sparring.controller.cli;

import dev.sparring.controller.shipping.LogShipping;
import dev.sparring.controller.shipping.LogShippingProvider;
import dev.sparring.controller.shipping.ShippingRequest;
import dev.sparring.controller.shipping.ShippingSummary;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The log shipping of one {@code run}: started once the log is open, finished after the robot's safe stop and the
 * log's flush, with a bounded grace. Opened before the robot runtime in a try-with-resources, so that on a failure it
 * is closed after the runtime (safe command first, log flushed, then the shipper's grace).
 */
final class ShipRun implements AutoCloseable {
    private final LogShippingProvider provider;
    private final ShippingRequest request;
    private final long graceNs;
    private LogShipping shipping;
    private ShippingSummary summary;

    /**
     * @param provider the plug-in.
     * @param request  what to ship and where, checked.
     * @param graceNs  how long {@link #finish()} may wait for the receiver.
     */
    ShipRun(final LogShippingProvider provider, final ShippingRequest request, final long graceNs) {
        this.provider = provider;
        this.request = request;
        this.graceNs = graceNs;
    }

    /**
     * Starts the shipper on its own thread; its notices go to {@code out} as {@code shipping: ...} lines.
     *
     * @param out the console.
     * @throws IOException when the transport cannot start.
     */
    void start(final PrintWriter out) throws IOException {
        shipping = provider.start(request, notice -> {
            out.println("shipping: " + notice);
            out.flush();
        });
    }

    /**
     * @return where the log goes, for the run's first line.
     */
    String describe() {
        return ", shipping it to " + request.receiver();
    }

    /**
     * Gives the shipper its grace, then stops it (idempotent).
     *
     * @return what it shipped, or null when it never started.
     */
    ShippingSummary finish() {
        if (summary == null && shipping != null) {
            summary = shipping.finish(graceNs);
        }
        return summary;
    }

    @Override
    public void close() {
        finish();
    }
}
