package dev.sparring.controller;

import java.nio.file.Path;

/**
 * Child-process main for the Epsilon GC proof: runs the cart-pole rig (deterministic, or exploring) for N ticks in a
 * JVM whose collector never frees memory, and prints the tick count, faults and how much the used heap grew over those N ticks. Warm-up
 * runs in rounds of a tenth of the ticks until a round leaves the used heap unchanged (at most
 * {@value #MAX_WARM_UP_ROUNDS} rounds): until C2 has compiled the executor the Vector API boxes, and on a loaded
 * machine compilation comes later.
 */
public final class EpsilonTickRun {
    private static final int MAX_WARM_UP_ROUNDS = 10;

    private EpsilonTickRun() {
    }

    /**
     * @param args the tick count and, to run in exploring mode, a policy file with the Gaussian's std.
     * @throws Exception when the rig cannot be built.
     */
    public static void main(final String[] args) throws Exception {
        final long ticks = Long.parseLong(args[0]);
        final boolean explore = args.length > 1;
        try (CartPoleRig rig = new CartPoleRig(null, explore ? Path.of(args[1]) : null,
            explore ? Exploration.sampling(1) : null)) {
            final long warmUp = ticks / 10;
            final Runtime runtime = Runtime.getRuntime();
            long usedBefore = runtime.totalMemory() - runtime.freeMemory();
            for (int round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
                rig.run(warmUp);
                final long used = runtime.totalMemory() - runtime.freeMemory();
                if (used == usedBefore) {
                    break;
                }
                usedBefore = used;
            }
            rig.run(ticks);
            final long usedAfter = runtime.totalMemory() - runtime.freeMemory();
            System.out.println("ticks=" + ticks + " faults=" + rig.controller().tick().supervisor().totalFaults()
                + " heapGrowthBytes=" + (usedAfter - usedBefore) + " heapUsedBytes=" + usedAfter);
        }
    }
}
