package dev.sparring.trainer.colearn.fleet;

import dev.sparring.fleet.LogShipper;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The log shippers of the robots a fleet process runs, driven on the calling thread: {@link #pumpUntil} runs them
 * (and any other agents the process hosts, e.g. receivers) until a condition holds, and {@link #allAcknowledged} says
 * when every record each robot's log holds is acknowledged by its receiver.
 */
final class ShipperSet implements AutoCloseable {
    private final List<Shipped> shipped = new ArrayList<>();
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 100_000);

    private record Shipped(String robot, LogShipper shipper, LongSupplier written) {
    }

    /**
     * @param robot   the robot's name.
     * @param shipper its shipper (closed with this set).
     * @param written the records its log holds so far.
     */
    void add(final String robot, final LogShipper shipper, final LongSupplier written) {
        shipped.add(new Shipped(robot, shipper, written));
    }

    /**
     * Runs the shippers and the other agents until the condition holds.
     *
     * @param done      the condition, checked between rounds.
     * @param timeoutNs how long to try.
     * @param waitingFor what the condition means, for the message when it times out (asked then).
     * @param others    more agents to run on this thread.
     * @throws IllegalStateException when the condition does not hold in time, naming what was awaited and the robots
     *                               still behind.
     */
    void pumpUntil(final BooleanSupplier done, final long timeoutNs, final Supplier<String> waitingFor,
        final Agent... others) {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IllegalStateException("waited " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s for "
                    + waitingFor.get() + " in vain" + (lagging().isEmpty() ? "" : "; not acknowledged yet: " + lagging()));
            }
            int work = 0;
            try {
                for (final Shipped s : shipped) {
                    work += s.shipper().doWork();
                }
                for (final Agent agent : others) {
                    work += agent.doWork();
                }
            } catch (final Exception e) {
                throw new IllegalStateException("a fleet agent failed: " + e.getMessage(), e);
            }
            idle.idle(work);
        }
        idle.reset();
    }

    /**
     * @return every shipper has every record of its log acknowledged (the receiver's copy holds it, synced).
     * @throws IllegalStateException when a shipper has stopped (it says why in its notices).
     */
    boolean allAcknowledged() {
        for (final Shipped s : shipped) {
            if (s.shipper().state() == LogShipper.State.STOPPED) {
                throw new IllegalStateException(s.robot() + "'s log shipper stopped (its notices say why)");
            }
            if (s.shipper().acked() < s.written().getAsLong()) {
                return false;
            }
        }
        // the log's own count, a walk of its index: once, when the counters say everything is there
        for (final Shipped s : shipped) {
            if (s.shipper().backlog() > 0) {
                return false;
            }
        }
        return true;
    }

    private String lagging() {
        final StringBuilder text = new StringBuilder();
        for (final Shipped s : shipped) {
            final long behind = s.written().getAsLong() - s.shipper().acked();
            if (behind > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(s.robot()).append(' ').append(behind)
                    .append(" records (").append(s.shipper().state()).append(')');
            }
        }
        return text.toString();
    }

    /**
     * @param report receives a line per robot: shipped, acknowledged, rewinds.
     */
    void report(final PrintWriter report) {
        for (final Shipped s : shipped) {
            report.printf(Locale.ROOT, "%s: shipped %d (resends included), acknowledged %d, rewinds %d%n",
                s.robot(), s.shipper().shipped(), s.shipper().acked(), s.shipper().rewinds());
        }
    }

    @Override
    public void close() {
        for (final Shipped s : shipped) {
            CloseHelper.quietClose(s.shipper());
        }
    }
}
