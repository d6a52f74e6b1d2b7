package dev.sparring.controller.loop;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The production wiring of the fixed-rate loop: a {@link FixedRateLoopAgent} on its own thread, named
 * {@value #THREAD_NAME}, driven by an {@link AgentRunner} with a {@link DeadlineIdleStrategy}.
 * <p>
 * The real-time setup is applied on the loop thread itself, in {@code onStart}, before {@code t0} is fixed. The thread
 * that calls {@link #run(long)} supervises: once a second at most it warns through the warning sink about missed ticks
 * and failed ticks, so the loop never logs. A loop runs once.
 * <p>
 * The loop thread spins for at most half a period: the spin threshold is capped at {@code periodNs / 2}. Without the
 * cap, the default 100 µs threshold would make a 10 kHz thread spin through every period, and Linux throttles a
 * {@code SCHED_FIFO} thread that never sleeps (measured: stalls of about 45 ms each second, 917 missed ticks in 2 s).
 */
public final class ControlLoop {
    /** Name of the loop thread. */
    public static final String THREAD_NAME = "sparring-control";
    /** Duration for {@link #run(long)} that runs until {@link #stop()}. */
    public static final long RUN_UNTIL_STOPPED = FixedRateLoopAgent.NO_LIMIT;
    /** Interval between supervisor checks, and the shortest interval between two warnings. */
    public static final long SUPERVISION_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final long periodNs;
    private final TickHandler handler;
    private final RealtimeSetup realtimeSetup;
    private final long spinThresholdNs;
    private final Consumer<String> warningSink;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final AtomicBoolean ran = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch startedOrFinished = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final AtomicReference<RealtimeReport> realtimeReport = new AtomicReference<>();
    private volatile FixedRateLoopAgent runningAgent;

    /**
     * A loop with the default spin threshold that writes warnings to standard error.
     *
     * @param periodNs      the tick period, 10 kHz to 10 Hz.
     * @param handler       the tick.
     * @param realtimeSetup what to ask of the loop thread; {@link RealtimeSetup#none()} for nothing.
     */
    public ControlLoop(final long periodNs, final TickHandler handler, final RealtimeSetup realtimeSetup) {
        this(periodNs, handler, realtimeSetup, DeadlineIdleStrategy.DEFAULT_SPIN_THRESHOLD_NS, System.err::println);
    }

    /**
     * @param periodNs        the tick period, 10 kHz to 10 Hz.
     * @param handler         the tick.
     * @param realtimeSetup   what to ask of the loop thread; {@link RealtimeSetup#none()} for nothing.
     * @param spinThresholdNs how long before each deadline the loop thread stops sleeping and spins, capped at half
     *                        the period.
     * @param warningSink     receives the supervisor's warnings, on the supervising thread.
     */
    public ControlLoop(
        final long periodNs, final TickHandler handler, final RealtimeSetup realtimeSetup, final long spinThresholdNs,
        final Consumer<String> warningSink) {
        this.periodNs = FixedRateLoopAgent.validatePeriodNs(periodNs);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.realtimeSetup = Objects.requireNonNull(realtimeSetup, "realtimeSetup");
        if (spinThresholdNs < 0) {
            throw new IllegalArgumentException("spinThresholdNs must be >= 0, was " + spinThresholdNs);
        }
        this.spinThresholdNs = spinThresholdNs;
        this.warningSink = Objects.requireNonNull(warningSink, "warningSink");
    }

    /**
     * Runs the loop on its own thread and waits until the duration has passed or {@link #stop()} is called.
     *
     * @param durationNs how long to run after {@code t0}, at least 1, or {@link #RUN_UNTIL_STOPPED}.
     * @return the summary of the run, once the loop thread has ended.
     * @throws InterruptedException if the calling thread is interrupted; the loop is stopped first.
     * @throws IllegalStateException if this loop has already run.
     */
    public LoopSummary run(final long durationNs) throws InterruptedException {
        return run(durationNs, () -> { });
    }

    /**
     * Runs the loop on its own thread and waits until the duration has passed or {@link #stop()} is called, telling
     * the caller once the loop has started: the real-time set-up applied, {@code t0} fixed and the tick handler's
     * {@link TickHandler#onLoopStart(long)} done (the robot read and the episode begun); the first ticks may already
     * be running.
     *
     * @param durationNs how long to run after {@code t0}, at least 1, or {@link #RUN_UNTIL_STOPPED}.
     * @param onStarted  runs on the calling thread once the loop has started; not at all when the run is stopped or
     *                   fails before that.
     * @return the summary of the run, once the loop thread has ended.
     * @throws InterruptedException if the calling thread is interrupted; the loop is stopped first.
     * @throws IllegalStateException if this loop has already run.
     */
    public LoopSummary run(final long durationNs, final Runnable onStarted) throws InterruptedException {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("a ControlLoop runs once; create a new one for another run");
        }
        final FixedRateLoopAgent loopAgent =
            new FixedRateLoopAgent(clock, periodNs, handler, FixedRateLoopAgent.NO_LIMIT, durationNs);
        runningAgent = loopAgent;
        final DeadlineIdleStrategy idleStrategy =
            new DeadlineIdleStrategy(loopAgent, clock, Math.min(spinThresholdNs, periodNs / 2));
        final OverrunMonitor overrunMonitor = new OverrunMonitor(loopAgent, SUPERVISION_INTERVAL_NS, warningSink);

        try (AgentRunner runner = new AgentRunner(idleStrategy, this::onError, null, new LoopThreadAgent(loopAgent))) {
            AgentRunner.startOnThread(runner);
            startedOrFinished.await();
            if (started.get()) {
                onStarted.run();
            }
            long reportedErrors = 0;
            while (!finished.await(SUPERVISION_INTERVAL_NS, TimeUnit.NANOSECONDS)) {
                overrunMonitor.poll(clock.nanoTime());
                reportedErrors = warnOfErrors(reportedErrors);
            }
        }
        final RealtimeReport report = realtimeReport.get();
        return LoopSummary.of(loopAgent, errorCount.get(), report != null ? report : new RealtimeReport(List.of()));
    }

    /**
     * The agent of the run in progress or ended, for a thread that samples its counters while it runs (they are
     * published for that, see {@link FixedRateLoopAgent}); the control thread does nothing for it.
     *
     * @return the agent, or null before {@link #run(long)}.
     */
    public FixedRateLoopAgent loopAgent() {
        return runningAgent;
    }

    /**
     * Ends a run in progress; safe from any thread, including the loop thread, and from a shutdown hook (a signal,
     * see {@code cli.StopSignal}). The supervising thread then closes the runner, whose volatile running flag the
     * loop thread reads once per duty cycle: the tick in progress completes, no further tick starts, and the loop
     * thread allocates nothing for it. Called before {@link #run(long)}, it makes the run return as soon as it has
     * started. Idempotent.
     */
    public void stop() {
        finished.countDown();
        startedOrFinished.countDown();
    }

    private void onError(final Throwable throwable) {
        errorCount.incrementAndGet();
        firstError.compareAndSet(null, throwable);
    }

    private long warnOfErrors(final long reportedErrors) {
        final long errors = errorCount.get();
        if (errors != reportedErrors) {
            warningSink.accept("control loop: " + (errors - reportedErrors) + " ticks failed since the last warning (" +
                errors + " in total); first failure: " + firstError.get());
        }
        return errors;
    }

    /** The loop agent as run on the loop thread: real-time setup first, then the agent's own start. */
    private final class LoopThreadAgent implements Agent {
        private final FixedRateLoopAgent loopAgent;

        LoopThreadAgent(final FixedRateLoopAgent loopAgent) {
            this.loopAgent = loopAgent;
        }

        @Override
        public void onStart() {
            realtimeReport.set(realtimeSetup.applyToCurrentThread());
            loopAgent.onStart();
            started.set(true);
            startedOrFinished.countDown();
        }

        @Override
        public int doWork() {
            return loopAgent.doWork();
        }

        @Override
        public void onClose() {
            loopAgent.onClose();
            finished.countDown();
            startedOrFinished.countDown();
        }

        @Override
        public String roleName() {
            return THREAD_NAME;
        }
    }
}
