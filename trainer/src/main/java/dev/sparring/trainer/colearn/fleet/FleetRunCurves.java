package dev.sparring.trainer.colearn.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one fleet run's {@code metrics.csv} says, window by window: the fleet's and each robot type's mean recent
 * return (each robot's mean over its last 10 episodes), when each robot first reached the threshold, and the bytes
 * of experience relayed.
 *
 * @param fleet          per window, the mean recent return over the robots that have finished an episode.
 * @param byType         per type and window, the same over the type's robots.
 * @param windowsToReach per robot, the first window (1-based) after which its recent return was at least the
 *                       threshold, or 0 when it never was.
 * @param bytesPerRobotPerWindow the mean bytes of partners' records a robot received per window.
 * @param stepsPerWindow K.
 */
public record FleetRunCurves(double[] fleet, double[][] byType, int[] windowsToReach, double bytesPerRobotPerWindow,
                             long stepsPerWindow) {
    /**
     * Reads a run's metrics.
     *
     * @param metrics   the run's {@code metrics.csv}.
     * @param types     the number of robot types.
     * @param threshold the return a robot must reach.
     * @return the curves.
     * @throws IOException when the file cannot be read or is not a fleet run's metrics.
     */
    public static FleetRunCurves read(final Path metrics, final int types, final double threshold)
        throws IOException {
        final List<String> lines = Files.readAllLines(metrics);
        if (lines.isEmpty() || !lines.get(0).equals(FleetTraining.METRICS_HEADER)) {
            throw new IOException(metrics + " is not a fleet run's metrics (header " + FleetTraining.METRICS_HEADER
                + ")");
        }
        int windows = 0;
        int robots = 0;
        long steps = 0;
        for (int i = 1; i < lines.size(); i++) {
            final String[] f = lines.get(i).split(",", -1);
            windows = Math.max(windows, Integer.parseInt(f[0]) + 1);
            robots = Math.max(robots, Integer.parseInt(f[2]) + 1);
            if (Integer.parseInt(f[0]) == 0) {
                steps = Long.parseLong(f[1]);
            }
        }
        final double[] fleetSum = new double[windows];
        final int[] fleetCount = new int[windows];
        final double[][] typeSum = new double[types][windows];
        final int[][] typeCount = new int[types][windows];
        final int[] reach = new int[robots];
        double bytes = 0.0;
        for (int i = 1; i < lines.size(); i++) {
            final String[] f = lines.get(i).split(",", -1);
            final int w = Integer.parseInt(f[0]);
            final int robot = Integer.parseInt(f[2]);
            final int type = Integer.parseInt(f[3]);
            bytes += Double.parseDouble(f[8]);
            if (f[11].isEmpty()) {
                continue;
            }
            final double recent = Double.parseDouble(f[11]);
            fleetSum[w] += recent;
            fleetCount[w]++;
            typeSum[type][w] += recent;
            typeCount[type][w]++;
            if (recent >= threshold && (reach[robot] == 0 || w + 1 < reach[robot])) {
                reach[robot] = w + 1;
            }
        }
        final double[] fleet = new double[windows];
        final double[][] byType = new double[types][windows];
        for (int w = 0; w < windows; w++) {
            fleet[w] = fleetCount[w] == 0 ? 0.0 : fleetSum[w] / fleetCount[w];
            for (int t = 0; t < types; t++) {
                byType[t][w] = typeCount[t][w] == 0 ? 0.0 : typeSum[t][w] / typeCount[t][w];
            }
        }
        return new FleetRunCurves(fleet, byType, reach, bytes / Math.max(1, (long) robots * windows), steps);
    }
}
