package dev.sparring.fleet.cli;

import dev.sparring.controller.shipping.LogShipping;
import dev.sparring.controller.shipping.ShippingSummary;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.LogShipper;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * A {@link LogShipper} on a daemon thread of its own beside the control loop, idling with a back-off (spin, yield,
 * then park up to 1 ms). {@link #finish} lets it run until the receiver has acknowledged every record in the log, or
 * the grace has passed, then closes it (the acknowledged index goes to {@code shipped.ack}) and its media driver.
 */
final class ShipperThread implements LogShipping {
    /** While finishing, how often the thread asks whether the log is all acknowledged (a file system walk). */
    static final long CAUGHT_UP_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long {@link #finish} waits for the thread beyond the grace before giving up on it. */
    static final long JOIN_MARGIN_MS = 1_000;

    private final LogShipper shipper;
    private final FleetAeron aeron;
    private final String description;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long finishByNs;
    private volatile boolean finishing;
    private Throwable failure;
    private ShippingSummary summary;

    /**
     * Starts the thread.
     *
     * @param shipper     the shipper, owned from now on.
     * @param aeron       its client and driver, owned from now on.
     * @param description where it ships to and under which name.
     */
    ShipperThread(final LogShipper shipper, final FleetAeron aeron, final String description) {
        this.shipper = shipper;
        this.aeron = aeron;
        this.description = description;
        this.thread = Thread.ofPlatform().name(shipper.roleName()).daemon(true).unstarted(this::run);
        thread.start();
    }

    private void run() {
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        long checkedAtNs = System.nanoTime();
        try {
            while (running && !aeron.aeron().isClosed()) {
                final int work = shipper.doWork();
                if (finishing) {
                    final long nowNs = System.nanoTime();
                    if (shipper.state() == LogShipper.State.STOPPED || nowNs - finishByNs >= 0) {
                        return;
                    }
                    if (nowNs - checkedAtNs - CAUGHT_UP_CHECK_NS >= 0) {
                        checkedAtNs = nowNs;
                        if (caughtUp()) {
                            return;
                        }
                    }
                }
                idle.idle(work);
            }
        } catch (final RuntimeException | Error e) {
            failure = e;
        }
    }

    private boolean caughtUp() {
        return shipper.state() == LogShipper.State.STREAMING && shipper.inFlight() == 0 && shipper.backlog() == 0;
    }

    @Override
    public ShippingSummary finish(final long graceNs) {
        if (summary != null) {
            return summary;
        }
        finishByNs = System.nanoTime() + graceNs;
        finishing = true;
        boolean stopped = join(TimeUnit.NANOSECONDS.toMillis(graceNs) + JOIN_MARGIN_MS);
        if (!stopped) {
            running = false;
            stopped = join(JOIN_MARGIN_MS);
        }
        if (!stopped) {
            summary = new ShippingSummary(description, shipper.shipped(), shipper.acked(), -1, "the shipper's thread "
                + "did not stop; shipped.ack may be behind (the next shipper resumes where the receiver says)");
            return summary;
        }
        String problem = failure == null ? null : "the shipper failed: " + failure;
        final long unacknowledged = shipper.backlog();
        try {
            shipper.close();
            aeron.close();
        } catch (final RuntimeException e) {
            problem = (problem == null ? "" : problem + "; ") + "closing the shipper failed: " + e.getMessage();
        }
        if (problem == null && shipper.state() == LogShipper.State.STOPPED) {
            problem = "the shipper stopped (its message is above)";
        } else if (problem == null && unacknowledged > 0 && shipper.state() != LogShipper.State.STREAMING) {
            problem = shipper.shipped() == 0 ? "no receiver answered" : "the receiver stopped answering";
        }
        summary = new ShippingSummary(description, shipper.shipped(), shipper.acked(), unacknowledged, problem);
        return summary;
    }

    private boolean join(final long timeoutMs) {
        try {
            return thread.join(Duration.ofMillis(timeoutMs));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    @Override
    public void close() {
        finish(0);
    }
}
