package dev.sparring.controller;

/**
 * Child-process main for the Epsilon GC proof: runs the cart-pole rig for N ticks in a JVM whose collector never
 * frees memory, and prints the tick count, faults and how much the used heap grew over the last 90 % of the ticks.
 */
public final class EpsilonTickRun {
    private EpsilonTickRun() {
    }

    /**
     * @param args the tick count.
     * @throws Exception when the rig cannot be built.
     */
    public static void main(final String[] args) throws Exception {
        final long ticks = Long.parseLong(args[0]);
        try (CartPoleRig rig = new CartPoleRig()) {
            final long warmUp = ticks / 10;
            rig.run(warmUp);
            final Runtime runtime = Runtime.getRuntime();
            final long usedBefore = runtime.totalMemory() - runtime.freeMemory();
            rig.run(ticks - warmUp);
            final long usedAfter = runtime.totalMemory() - runtime.freeMemory();
            System.out.println("ticks=" + ticks + " faults=" + rig.controller().tick().supervisor().totalFaults()
                + " heapGrowthBytes=" + (usedAfter - usedBefore) + " heapUsedBytes=" + usedAfter);
        }
    }
}
