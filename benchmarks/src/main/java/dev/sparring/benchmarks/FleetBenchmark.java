package dev.sparring.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.aeron.driver.ThreadingMode;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./sparring bench fleet}: N simulated robots shipping their experience logs to one fleet receiver on loopback
 * ({@link FleetLoopback}), at rising per-robot rates until the receiver's copies fall behind what the robots append.
 * Per rate: a warm-up, then a measured window; the records persisted per second against those offered, the backlog,
 * the end-to-end latency (robot append → record synced in the receiver's copy), the CPU time of each thread group
 * and the bytes the receiver's thread allocated per record. At the end, appending stops, the copies catch up, and
 * every robot's log and copy are read back and their record counts compared.
 */
@Command(name = "bench fleet", mixinStandardHelpOptions = true, sortOptions = false,
    description = "N robots' experience logs shipped over Aeron UDP on loopback to one fleet receiver: records/s "
        + "delivered against offered, zero loss, end-to-end latency, CPU per robot and of the receiver.")
public final class FleetBenchmark implements Callable<Integer> {
    /** Delivered below this share of offered (or offered below it of the target) is falling behind. */
    static final double KEEPING_UP = 0.98;

    @Spec
    private CommandSpec spec;

    @Option(names = "--robots", paramLabel = "<count>",
        defaultValue = "1024", description = "N, simulated robots (default ${DEFAULT-VALUE}).")
    private int robots;

    @Option(names = "--rates", paramLabel = "<Hz>", split = ",", defaultValue = "100",
        description = "Records/s per robot, in order, e.g. 100,200,400 (default ${DEFAULT-VALUE}); the sweep stops "
            + "after the first rate the receiver does not keep up with.")
    private List<Double> rates;

    @Option(names = "--warmup", paramLabel = "<seconds>",
        defaultValue = "5", description = "Seconds of warm-up per rate (default 5).")
    private double warmupS;

    @Option(names = "--duration", paramLabel = "<seconds>",
        defaultValue = "10", description = "Measured seconds per rate (default 10).")
    private double durationS;

    @Option(names = "--writers", paramLabel = "<threads>", defaultValue = "1",
        description = "Threads appending to the robots' logs (default ${DEFAULT-VALUE}).")
    private int writers;

    @Option(names = "--shippers", paramLabel = "<threads>", defaultValue = "2",
        description = "Threads running the robots' log shippers (default ${DEFAULT-VALUE}).")
    private int shippers;

    @Option(names = "--sync-ms", paramLabel = "<ms>", defaultValue = "100",
        description = "The receiver's sync-then-acknowledge interval (default ${DEFAULT-VALUE}, the receiver's).")
    private long syncMs;

    @Option(names = "--term-length", paramLabel = "<size>", defaultValue = "64k",
        description = "Term length of every publication (default ${DEFAULT-VALUE}, Aeron's least).")
    private String termLength;

    @Option(names = "--driver-threading", paramLabel = "<mode>", defaultValue = "SHARED",
        description = "The embedded media driver's threading: SHARED (one thread, as the fleet commands run it) or "
            + "DEDICATED (conductor, sender and receiver threads) (default ${DEFAULT-VALUE}).")
    private ThreadingMode driverThreading;

    @Option(names = "--dir", paramLabel = "<dir>", defaultValue = "/dev/shm",
        description = "Where the temporary directory of logs, copies and the media driver goes (default "
            + "${DEFAULT-VALUE}; deleted at the end).")
    private Path parent;

    FleetBenchmark() {
    }

    /**
     * @param args the options ({@code --help} lists them).
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new FleetBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        final Path directory = Files.createTempDirectory(parent, "sparring-fleet-bench-");
        final FleetLoopback.Settings settings = new FleetLoopback.Settings(robots, writers, shippers, directory,
            freeUdpPort(), TimeUnit.MILLISECONDS.toNanos(syncMs), termLength, driverThreading);
        out.printf(Locale.ROOT, "%d robots, %d writer thread(s), %d shipper thread(s), one receiver thread, one "
            + "embedded media driver (%s threading); records of %d observations and %d actions; receiver sync every "
            + "%d ms; terms %s; files in %s; %d s warm-up and %d s measured per rate%n", robots, writers, shippers,
            driverThreading, FleetLoopback.OBSERVATIONS, FleetLoopback.ACTIONS, syncMs, termLength, directory,
            (long) warmupS, (long) durationS);
        out.flush();
        boolean lossless = false;
        final long setUpNs = System.nanoTime();
        try (FleetLoopback fleet = new FleetLoopback(settings)) {
            final long builtNs = System.nanoTime();
            final int streaming = fleet.awaitStreaming(TimeUnit.MINUTES.toNanos(5));
            out.printf(Locale.ROOT, "built in %.1f s; %d of %d shippers streaming %.1f s later; notices: %d%n",
                (builtNs - setUpNs) / 1e9, streaming, robots, (System.nanoTime() - builtNs) / 1e9,
                fleet.notices().size());
            if (streaming < robots) {
                out.println("not every shipper reached the receiver; last notices: " + fleet.notices().subList(
                    Math.max(0, fleet.notices().size() - 5), fleet.notices().size()));
                return 1;
            }
            out.println("| rate/robot | target rec/s | offered rec/s | delivered rec/s | backlog at end | latency p50 "
                + "| p99 | max | robot CPU µs/s per robot (writer + shipper) | shipper ns/record | receiver CPU % "
                + "| receiver ns/record | receiver B/record | driver CPU % | process CPU % | load avg |");
            out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            out.flush();
            for (final double rate : rates) {
                final boolean keptUp = measure(fleet, rate, out);
                out.flush();
                if (!keptUp) {
                    break;
                }
            }
            final long drainStartNs = System.nanoTime();
            final boolean drained = fleet.drain(TimeUnit.MINUTES.toNanos(3));
            out.printf(Locale.ROOT, "%nappending stopped; the copies %s in %.1f s%n", drained ? "caught up"
                : "had NOT caught up", (System.nanoTime() - drainStartNs) / 1e9);
            final List<String> trouble = fleet.notices().stream().filter(n -> n.contains("failed")
                || n.contains("lost") || n.contains("stopped") || n.contains("damaged")).toList();
            final FleetLoopback.Verification check = fleet.stopAndVerify();
            lossless = check.lossless();
            out.printf(Locale.ROOT, "read back: %d robots, %d records in their logs, %d in the receiver's copies, "
                + "%d robot(s) differing%s, %d dropped on the robots, %d latency samples lost: %s%n",
                check.robotsChecked(), check.logRecords(), check.copyRecords(), check.robotsDiffering(),
                check.firstDifference() == null ? "" : " (first: " + check.firstDifference() + ")",
                check.droppedOnRobots(), fleet.latencySamplesLost(), lossless ? "ZERO LOSS" : "LOSS");
            if (!trouble.isEmpty()) {
                out.println("notices of trouble while running (" + trouble.size() + "), first: " + trouble.getFirst());
            }
        } finally {
            delete(directory);
        }
        return lossless ? 0 : 1;
    }

    private boolean measure(final FleetLoopback fleet, final double rate, final PrintWriter out) {
        fleet.rate(rate);
        pause(warmupS);
        fleet.startLatencies();
        final FleetLoopback.Snapshot start = fleet.snapshot();
        pause(durationS);
        final FleetLoopback.Snapshot end = fleet.snapshot();
        final Histogram latency = fleet.stopLatencies();
        final double seconds = (end.atNs() - start.atNs()) / 1e9;
        final double offered = (end.offered() - start.offered()) / seconds;
        final long persistedRecords = end.persisted() - start.persisted();
        final double delivered = persistedRecords / seconds;
        final long backlog = end.offered() - end.persisted();
        final double target = rate * robots;
        final double robotCpuUsPerS = (end.writerCpuNs() - start.writerCpuNs() + end.shipperCpuNs()
            - start.shipperCpuNs()) / 1e3 / robots / seconds;
        final double shipperNsPerRecord = (end.shipperCpuNs() - start.shipperCpuNs()) / (double) persistedRecords;
        final double receiverNs = end.receiverCpuNs() - start.receiverCpuNs();
        out.printf(Locale.ROOT, "| %.0f | %,.0f | %,.0f | %,.0f | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f | %.0f "
            + "| %.0f | %.0f | %.1f | %.0f | %.0f | %.1f |%n", rate, target, offered, delivered, backlog,
            latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6,
            robotCpuUsPerS, shipperNsPerRecord, 100 * receiverNs / 1e9 / seconds, receiverNs / persistedRecords,
            (end.receiverAllocated() - start.receiverAllocated()) / (double) persistedRecords,
            100 * (end.driverCpuNs() - start.driverCpuNs()) / 1e9 / seconds,
            100 * (end.processCpuNs() - start.processCpuNs()) / 1e9 / seconds,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return delivered >= KEEPING_UP * offered && offered >= KEEPING_UP * target;
    }

    private static void pause(final double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free UDP port on loopback", e);
        }
    }

    private static void delete(final Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void validate() {
        if (robots <= 0 || writers <= 0 || shippers <= 0) {
            throw new ParameterException(spec.commandLine(), "--robots, --writers and --shippers must be > 0, were "
                + robots + ", " + writers + " and " + shippers);
        }
        if (rates.stream().anyMatch(r -> !(r > 0))) {
            throw new ParameterException(spec.commandLine(), "--rates must all be > 0 records/s, were " + rates);
        }
        if (!(warmupS >= 0) || !(durationS > 0) || syncMs <= 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be >= 0 s, --duration > 0 s and "
                + "--sync-ms > 0, were " + warmupS + ", " + durationS + " and " + syncMs);
        }
        if (!Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(), "--dir " + parent + " is not a directory; give one "
                + "that exists (/dev/shm for tmpfs, /tmp for the disk)");
        }
    }
}
