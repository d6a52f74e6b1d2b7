package dev.sparring.trainer.colearn.fleet;

import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.colearn.ContextFeatureExtractor;
import dev.sparring.trainer.colearn.ContextFidelity;
import dev.sparring.trainer.colearn.Correspondence;
import dev.sparring.trainer.colearn.SharingConfig;
import dev.sparring.trainer.colearn.SharingPlan;
import dev.sparring.trainer.colearn.SharingRound;
import dev.sparring.trainer.colearn.TransitionWindow;

import java.util.Arrays;

/**
 * One supervisor's choice of sharing partners for its robots in one window, by the run's {@link SharingMode}. A robot
 * whose window is unusable (a damaged log, another layout) or too short to fit the context features takes no part:
 * no group, no partners, nobody's partner.
 */
final class PartnerChooser {
    private final SharingMode mode;
    private final SharingConfig sharing;
    private final ContextFeatureExtractor features;
    private final Correspondence[] correspondences;
    private final SplitMix64 random;
    private final long seed;

    PartnerChooser(final SharingMode mode, final SharingConfig sharing, final ContextFeatureExtractor features,
        final Correspondence[] correspondences, final long seed) {
        this.mode = mode;
        this.sharing = sharing;
        this.features = features;
        this.correspondences = correspondences.clone();
        this.random = new SplitMix64(seed);
        this.seed = seed;
    }

    /**
     * One window's decision.
     *
     * @param group     each robot's group (−1: left out or no grouping), the robots in the supervisor's order.
     * @param partners  {@code partners[a]}: the robots a receives from, as indices into the supervisor's robots.
     * @param fidelity  Pearson and Spearman correlation of the model divergence m with D_C over the pairs of robots
     *                  with features (NaN, NaN when there are fewer than three pairs or the mode computes no D_C).
     * @param leftOut   for each robot left out of the window, why (null for the others).
     */
    record Decision(int[] group, int[][] partners, double[] fidelity, String[] leftOut) {
    }

    /**
     * @param windows each robot's transitions this window; null for a robot whose window is unusable.
     * @param types   each robot's hidden type (only the oracle looks).
     * @param window  the window's index (the clustering's seed is derived from it).
     * @return the decision.
     */
    Decision choose(final TransitionWindow[] windows, final int[] types, final long window) {
        final int n = windows.length;
        final int[] group = new int[n];
        Arrays.fill(group, -1);
        final boolean[][] receives = new boolean[n][n];
        final String[] leftOut = new String[n];
        double[] fidelity = {Double.NaN, Double.NaN};
        switch (mode) {
            case NONE -> {
            }
            case ALL -> {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        receives[a][b] = a != b && windows[a] != null && windows[b] != null;
                    }
                }
            }
            case RANDOM -> draw(windows, null, receives);
            case ORACLE -> {
                draw(windows, types, receives);
                for (int a = 0; a < n; a++) {
                    group[a] = windows[a] == null ? -1 : types[a];
                }
            }
            case COLEARN -> {
                final TransitionWindow[] usable = new TransitionWindow[n];
                for (int a = 0; a < n; a++) {
                    usable[a] = windows[a] != null ? windows[a] : empty(windows);
                }
                final SharingPlan plan = SharingRound.plan(usable, features, new SharingConfig(sharing.kMin(),
                    Math.min(sharing.kMax(), n), sharing.temperature()), SplitMix64.derive(seed, window), random);
                for (int a = 0; a < n; a++) {
                    group[a] = windows[a] == null ? -1 : plan.clustering().groupOf()[a];
                    for (int b = 0; b < n; b++) {
                        receives[a][b] = windows[a] != null && windows[b] != null && plan.partners()[a][b];
                    }
                    if (windows[a] != null && !plan.features().sufficient(a)) {
                        leftOut[a] = plan.features().insufficient()[a];
                    }
                }
                final ContextFidelity measured = ContextFidelity.of(usable, plan.features().sufficientRobots(),
                    plan.distance(), correspondences);
                fidelity = new double[] {measured.pearson(), measured.spearman()};
            }
            default -> throw new IllegalStateException("unknown sharing mode " + mode);
        }
        final int[][] partners = new int[n][];
        for (int a = 0; a < n; a++) {
            int count = 0;
            for (int b = 0; b < n; b++) {
                count += receives[a][b] ? 1 : 0;
            }
            partners[a] = new int[count];
            int at = 0;
            for (int b = 0; b < n; b++) {
                if (receives[a][b]) {
                    partners[a][at++] = b;
                }
            }
        }
        return new Decision(group, partners, fidelity, leftOut);
    }

    /** T uniform draws per robot among the others with a usable window (of the same type when types are given). */
    private void draw(final TransitionWindow[] windows, final int[] types, final boolean[][] receives) {
        final int n = windows.length;
        final int[] candidates = new int[n];
        for (int a = 0; a < n; a++) {
            if (windows[a] == null) {
                continue;
            }
            int count = 0;
            for (int b = 0; b < n; b++) {
                if (b != a && windows[b] != null && (types == null || types[b] == types[a])) {
                    candidates[count++] = b;
                }
            }
            for (int t = 0; t < sharing.temperature() && count > 0; t++) {
                receives[a][candidates[random.nextInt(count)]] = true;
            }
        }
    }

    private static TransitionWindow empty(final TransitionWindow[] windows) {
        for (final TransitionWindow w : windows) {
            if (w != null) {
                return new TransitionWindow(0, w.observationSize(), w.actionSize(), new double[0], new double[0],
                    new double[0], new double[0]);
            }
        }
        return new TransitionWindow(0, 1, 0, new double[0], new double[0], new double[0], new double[0]);
    }
}
