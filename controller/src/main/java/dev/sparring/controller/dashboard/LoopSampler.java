package dev.sparring.controller.dashboard;

import dev.sparring.controller.ControlTick;
import dev.sparring.controller.EpisodeReward;
import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.safety.FaultCause;
import dev.sparring.controller.safety.SafetySupervisor;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

/**
 * Publishes a running control loop's state to a dashboard as {@code loop} events, from a thread of its own, every
 * {@link #PERIOD_MS} ms: the loop's tick and overrun counters, its start-lateness (jitter) histogram in fixed bins,
 * the safety supervisor's faults by cause and the on-board episode return. The control thread does nothing for it:
 * the sampler only reads what the loop and the tick already keep.
 * <p>
 * <b>Reading while the loop runs.</b> The sampler first reads the loop's tick counter with acquire semantics
 * ({@link FixedRateLoopAgent#ticksRun()}, published with release by the loop thread before each tick), so everything
 * the earlier ticks wrote (histogram counts, fault counts, the return) is visible to it; values the current tick is
 * writing may be seen or not. A live event is therefore a consistent picture up to one tick; the histogram's bins
 * are read without its iterators (which refuse concurrent change) and a bin briefly short by a tick's count is
 * clamped at zero. {@link #finish} publishes the final event once the loop has stopped: exact, and equal to the
 * run's printed summary.
 */
public final class LoopSampler implements AutoCloseable {
    /** Interval between two live events. */
    public static final long PERIOD_MS = 250;
    /** The jitter histogram's bin edges in nanoseconds: each bin counts ticks at least this late, below the next. */
    static final long[] JITTER_EDGES_NS = {0, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
        500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000, 100_000_000};
    /** The most completed episodes' returns an event carries (the latest ones). */
    static final int RETURNS_SENT = 200;

    private final DashboardServer server;
    private final Supplier<FixedRateLoopAgent> loopAgent;
    private final ControlTick tick;
    private final String robot;
    private final ScheduledExecutorService thread;

    /**
     * Starts sampling.
     *
     * @param server    where the events go.
     * @param loopAgent the loop (real-time or simulated), or null until it has started: nothing is published until
     *                  then.
     * @param tick      its tick: safety supervisor and episode return.
     * @param robot     the robot's name, shown on the page.
     */
    public LoopSampler(final DashboardServer server, final Supplier<FixedRateLoopAgent> loopAgent, final ControlTick tick,
        final String robot) {
        this.server = server;
        this.loopAgent = loopAgent;
        this.tick = tick;
        this.robot = robot;
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread sampler = new Thread(runnable, "sparring-dashboard-sampler");
            sampler.setDaemon(true);
            return sampler;
        });
        thread.scheduleAtFixedRate(this::publish, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops sampling and publishes the final state, once the loop has stopped.
     *
     * @param summary the run's summary, as printed.
     */
    public void finish(final LoopSummary summary) {
        close();
        final FixedRateLoopAgent agent = loopAgent.get();
        if (agent != null) {
            server.latest("loop", state(agent, summary));
        }
    }

    /** Stops sampling, waiting for an event in progress. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(PERIOD_MS, TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish() {
        final FixedRateLoopAgent agent = loopAgent.get();
        if (agent != null) {
            server.latest("loop", state(agent, null));
        }
    }

    /**
     * @param agent   the loop.
     * @param summary the run's summary once it has ended, else null.
     * @return the {@code loop} event's JSON.
     */
    String state(final FixedRateLoopAgent agent, final LoopSummary summary) {
        final long ticks = agent.ticksRun();
        final StringBuilder json = new StringBuilder(4096).append('{');
        JsonText.string(JsonText.name(json, "robot"), robot);
        JsonText.name(json, "periodNs").append(agent.periodNs());
        JsonText.name(json, "ticks").append(ticks);
        JsonText.name(json, "overruns").append(agent.overrunCount());
        JsonText.name(json, "maxLatenessNs").append(agent.maxLatenessNs());
        appendJitter(json, agent.latenessHistogram());
        appendFaults(json, tick.supervisor());
        JsonText.name(json, "episodes").append(tick.episodes());
        JsonText.name(json, "completedEpisodes").append(tick.completedEpisodes());
        appendReward(json, tick.reward());
        JsonText.name(json, "final").append(summary != null);
        if (summary != null) {
            appendSummary(json, summary);
        }
        return json.append('}').toString();
    }

    private static void appendJitter(final StringBuilder json, final Histogram lateness) {
        JsonText.name(json, "jitter").append('[');
        long below = 0;
        for (int i = 0; i < JITTER_EDGES_NS.length; i++) {
            final long upToNs = i + 1 < JITTER_EDGES_NS.length ? JITTER_EDGES_NS[i + 1] - 1
                : FixedRateLoopAgent.HISTOGRAM_MAX_NS;
            final long cumulative = lateness.getCountBetweenValues(0, upToNs);
            json.append(i == 0 ? "" : ",").append('[').append(JITTER_EDGES_NS[i]).append(',')
                .append(Math.max(0, cumulative - below)).append(']');
            below = Math.max(below, cumulative);
        }
        json.append(']');
    }

    private static void appendFaults(final StringBuilder json, final SafetySupervisor supervisor) {
        JsonText.name(json, "faults").append('{');
        for (final FaultCause cause : FaultCause.values()) {
            JsonText.name(json, cause.name()).append(supervisor.faultCount(cause));
        }
        json.append('}');
        JsonText.name(json, "totalFaults").append(supervisor.totalFaults());
        final FaultCause latched = supervisor.latchedCause();
        JsonText.string(JsonText.name(json, "latched"), latched == null ? null : latched.name());
    }

    private static void appendReward(final StringBuilder json, final EpisodeReward reward) {
        JsonText.name(json, "reward");
        if (reward == null) {
            json.append("null");
            return;
        }
        json.append('{');
        JsonText.string(JsonText.name(json, "describe"), reward.describe());
        JsonText.number(JsonText.name(json, "episodeReturn"), reward.episodeReturn());
        JsonText.string(JsonText.name(json, "episodeReturnText"), oneDecimal(reward.episodeReturn()));
        JsonText.name(json, "steps").append(reward.steps());
        JsonText.name(json, "terminated").append(reward.terminated());
        final int ended = reward.endedEpisodes();
        JsonText.name(json, "ended").append(ended);
        JsonText.string(JsonText.name(json, "endedMeanText"), ended == 0 ? null : oneDecimal(reward.endedMean()));
        JsonText.name(json, "returns").append('[');
        final int kept = Math.min(ended, EpisodeReward.KEPT_RETURNS);
        final int first = Math.max(0, kept - RETURNS_SENT);
        for (int k = first; k < kept; k++) {
            JsonText.number(json.append(k == first ? "" : ","), reward.endedReturn(k));
        }
        json.append("]}");
    }

    private static void appendSummary(final StringBuilder json, final LoopSummary summary) {
        JsonText.name(json, "summary").append('{');
        JsonText.name(json, "ticks").append(summary.ticks());
        JsonText.name(json, "overruns").append(summary.overruns());
        JsonText.name(json, "errors").append(summary.errors());
        JsonText.name(json, "jitterP50Ns").append(summary.jitterP50Ns());
        JsonText.name(json, "jitterP99Ns").append(summary.jitterP99Ns());
        JsonText.name(json, "jitterP999Ns").append(summary.jitterP999Ns());
        JsonText.name(json, "jitterMaxNs").append(summary.jitterMaxNs());
        JsonText.name(json, "computeP50Ns").append(summary.computeP50Ns());
        JsonText.name(json, "computeP99Ns").append(summary.computeP99Ns());
        JsonText.name(json, "computeMaxNs").append(summary.computeMaxNs());
        json.append('}');
    }

    /** The run summary's format of a return: one decimal, as {@code RunSummaryFormat} prints it. */
    private static String oneDecimal(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
