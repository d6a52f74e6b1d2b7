package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.hal.random.SplitMix64;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * One seed of one method: the network, every agent's Q-learning, and at each window's end (every {@code K} time
 * units) the supervisors' sharing step, in the paper's order: collect each agent's window of tuples, let each
 * supervisor choose partners within its block ({@link PartnerPlanner}), and let every agent replay its partners'
 * tuples into its own table (its own were learned online as the tasks completed). The seed fixes the hidden types
 * ({@code derive(seed, 0)}), the arrivals ({@code derive(seed, 1)}: the same tasks for every method), exploration
 * ({@code derive(seed, 2)}) and partner draws ({@code derive(seed, 3)}).
 */
public final class TaskAllocationRun {
    private TaskAllocationRun() {
    }

    /**
     * @param network  the network.
     * @param settings learning, window and supervisors.
     * @param planner  the supervisors' partner choice, or null for independent learners.
     * @param seed     the seed.
     * @param progress told the time units done after every bucket (may be null).
     * @return the measurements.
     */
    public static RunResult run(final NetworkConfig network, final RunSettings settings, final PartnerPlanner planner,
        final long seed, final IntConsumer progress) {
        final long startNs = System.nanoTime();
        final TaskNetwork net = new TaskNetwork(network, TaskNetwork.drawTypes(network, SplitMix64.derive(seed, 0)),
            SplitMix64.derive(seed, 1));
        final GridNetwork grid = net.grid();
        final int n = grid.agents();
        final QLearning learner = new QLearning(grid, settings.alpha(), settings.gamma(), settings.tau(),
            new SplitMix64(SplitMix64.derive(seed, 2)));
        final SplitMix64 partnerRandom = new SplitMix64(SplitMix64.derive(seed, 3));
        final ExperienceWindows windows = new ExperienceWindows(n);
        final int[][] blocks = SupervisorBlocks.partition(grid, settings.supervisors());
        final boolean[][][] partners = new boolean[blocks.length][][];
        for (int b = 0; b < blocks.length; b++) {
            partners[b] = new boolean[blocks[b].length][blocks[b].length];
        }
        final ExperienceSink sink = (agent, obs, a, r, next) -> {
            final int s = StateCoder.state(obs);
            final int sNext = StateCoder.state(next);
            learner.update(agent, s, a, r, sNext);
            windows.add(agent, obs, s, a, r, next, sNext);
        };
        final int buckets = settings.buckets();
        final double[] serviceTime = new double[buckets];
        final double[] inSystem = new double[buckets];
        long lastCompleted = 0;
        double lastServiceSum = 0.0;
        double previous = 0.0;
        int bucket = 0;
        final long[] pairs = new long[2];
        long replayed = 0;
        long supervisorNs = 0;
        long replayNs = 0;
        int shares = 0;
        for (int t = 0; t < settings.timeUnits(); t++) {
            net.step(learner, sink);
            final int done = t + 1;
            if (done % settings.window() == 0) {
                if (planner != null) {
                    for (int b = 0; b < blocks.length; b++) {
                        final long planStartNs = System.nanoTime();
                        clear(partners[b]);
                        planner.plan(blocks[b], windows, partnerRandom, partners[b]);
                        final long replayStartNs = System.nanoTime();
                        supervisorNs += replayStartNs - planStartNs;
                        final long before = learner.updates();
                        replay(blocks[b], partners[b], windows, learner, net, pairs);
                        replayed += learner.updates() - before;
                        replayNs += System.nanoTime() - replayStartNs;
                    }
                    shares++;
                }
                windows.clear();
            }
            if (done % settings.bucket() == 0 || done == settings.timeUnits()) {
                final long completedNow = net.completed() - lastCompleted;
                final double serviceNow = net.serviceTimeSum() - lastServiceSum;
                previous = completedNow > 0 ? serviceNow / completedNow : previous;
                serviceTime[bucket] = previous;
                inSystem[bucket] = net.tasksInSystem();
                lastCompleted = net.completed();
                lastServiceSum = net.serviceTimeSum();
                bucket++;
                if (progress != null) {
                    progress.accept(done);
                }
            }
        }
        return new RunResult(serviceTime, inSystem, net.arrived(), net.completed(), net.decisions(), replayed,
            shares == 0 ? 0.0 : (double) pairs[0] / ((long) shares * n), pairs[0] == 0 ? Double.NaN
                : (double) pairs[1] / pairs[0],
            shares == 0 ? 0.0 : (double) supervisorNs / shares, shares == 0 ? 0.0 : (double) replayNs / shares,
            System.nanoTime() - startNs);
    }

    /**
     * Each agent of the block replays its partners' tuples; counts the (agent, partner) pairs in {@code pairs[0]} and
     * those of the same hidden type in {@code pairs[1]}.
     */
    private static void replay(final int[] block, final boolean[][] partners, final ExperienceWindows windows,
        final QLearning learner, final TaskNetwork net, final long[] pairs) {
        for (int i = 0; i < block.length; i++) {
            final int agent = block[i];
            for (int j = 0; j < block.length; j++) {
                if (j == i || !partners[i][j]) {
                    continue;
                }
                final int partner = block[j];
                pairs[0]++;
                pairs[1] += net.typeOf(partner) == net.typeOf(agent) ? 1 : 0;
                final int count = windows.count(partner);
                for (int k = 0; k < count; k++) {
                    learner.update(agent, windows.state(partner, k), windows.action(partner, k),
                        windows.reward(partner, k), windows.nextState(partner, k));
                }
            }
        }
    }

    private static void clear(final boolean[][] matrix) {
        for (final boolean[] row : matrix) {
            Arrays.fill(row, false);
        }
    }
}
