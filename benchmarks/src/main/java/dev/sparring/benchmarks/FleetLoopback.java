package dev.sparring.benchmarks;

import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.FleetReceiver;
import dev.sparring.fleet.FleetReceiverConfig;
import dev.sparring.fleet.LogShipper;
import dev.sparring.fleet.LogShipperConfig;
import dev.sparring.fleet.RobotStream;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.ThreadMXBean;
import io.aeron.driver.ThreadingMode;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The machinery of {@code ./sparring bench fleet}: N simulated robots on one machine, each with its own experience log
 * (the real {@link ExperienceLog}: ring, logger agent, Chronicle queue) and its own {@link LogShipper}, shipping to one
 * {@link FleetReceiver} over UDP on loopback, all through one embedded media driver (one shared thread).
 * <p>
 * Threads: {@code writers} threads pace the robots' appends (each robot at the same rate, phases staggered across
 * the robots) and run each robot's logger in invoker mode after its appends, so a record is in the robot's Chronicle
 * queue when its writer moves on; {@code shippers} threads each run a {@link CompositeAgent} of a share of the
 * shippers; one thread runs the receiver together with a meter. The receiver's own sync is switched off and the meter
 * calls {@link FleetReceiver#sync()} at the receiver's interval instead (what {@code doWork} would do, one duty cycle
 * later for the acknowledgements), so that right after each sync it knows exactly which records are persisted: the
 * receiver appends each robot's records in order and exactly once, so its count of records appended to a robot's copy
 * is the number of that robot's records persisted. End-to-end latency is then sync time minus the record's append
 * time (a side table per robot, one clock in one process): robot append → trainer persisted.
 */
final class FleetLoopback implements AutoCloseable {
    /** Observations per record (160-byte records, as the control tick's reference record). */
    static final int OBSERVATIONS = 17;
    /** Actions per record. */
    static final int ACTIONS = 6;
    /** Append times kept per robot, a ring. */
    private static final int APPEND_TIMES = 1 << 13;
    /** A record not persisted before this many later appends of its robot loses its latency sample (overwritten). */
    private static final int APPEND_TIMES_TRUSTED = APPEND_TIMES / 2;
    private static final long HIGHEST_LATENCY_NS = TimeUnit.MINUTES.toNanos(10);
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * How the loopback fleet is built.
     *
     * @param robots         N.
     * @param writers        threads appending to the robots' logs.
     * @param shippers       threads running the shippers.
     * @param directory      where the robots' logs, the receiver's copies and the media driver's files go (created).
     * @param port           the receiver's UDP port on 127.0.0.1.
     * @param syncIntervalNs the receiver's sync (then acknowledge) interval.
     * @param termLength     the term length of every publication, e.g. {@code 64k} (Aeron's least).
     * @param driverThreading the embedded media driver's threading mode ({@code SHARED}: one thread, as the fleet
     *                        commands run it).
     */
    record Settings(int robots, int writers, int shippers, Path directory, int port, long syncIntervalNs,
        String termLength, ThreadingMode driverThreading) {
        Settings {
            if (robots <= 0 || writers <= 0 || shippers <= 0) {
                throw new IllegalArgumentException("robots, writers and shippers must be > 0, were " + robots + ", "
                    + writers + " and " + shippers);
            }
        }
    }

    /**
     * Counters at one instant, for differences over a phase.
     *
     * @param atNs              when (System.nanoTime).
     * @param offered           records appended to the robots' logs.
     * @param persisted         records synced into the receiver's copies.
     * @param writerCpuNs       CPU time of the writer threads (appends and the loggers' Chronicle writes).
     * @param shipperCpuNs      CPU time of the shipper threads.
     * @param receiverCpuNs     CPU time of the receiver's thread (receiver and meter).
     * @param receiverAllocated bytes allocated by the receiver's thread.
     * @param driverCpuNs       CPU time of the media driver's thread.
     * @param processCpuNs      CPU time of the whole process (also GC, JIT, Aeron clients' conductors).
     */
    record Snapshot(long atNs, long offered, long persisted, long writerCpuNs, long shipperCpuNs, long receiverCpuNs,
        long receiverAllocated, long driverCpuNs, long processCpuNs) {
    }

    /**
     * Per-robot counts at the end.
     *
     * @param robotsChecked   robots whose log and copy were read.
     * @param logRecords      records in the robots' logs (read back).
     * @param copyRecords     records in the receiver's copies (read back).
     * @param robotsDiffering robots whose copy does not hold exactly the records of their log.
     * @param droppedOnRobots records the robots' logs dropped (ring full or write failures).
     * @param firstDifference the first robot that differs, described, or null.
     */
    record Verification(int robotsChecked, long logRecords, long copyRecords, int robotsDiffering,
        long droppedOnRobots, String firstDifference) {
        boolean lossless() {
            return robotsDiffering == 0 && droppedOnRobots == 0 && logRecords == copyRecords;
        }
    }

    private final Settings settings;
    private final Path logsDirectory;
    private final Path copiesDirectory;
    private final FleetAeron aeron;
    private final ExperienceLog[] logs;
    private final LogShipper[] shippers;
    private final FleetReceiver receiver;
    private final Meter meter;
    private final AtomicLongArray written;
    private final long[][] appendNs;
    private final List<String> notices = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final List<Thread> writerThreads = new ArrayList<>();
    private final List<Thread> shipperThreads = new ArrayList<>();
    private final Thread receiverThread;
    private volatile double ratePerRobot;
    private volatile boolean writing = true;

    /**
     * Builds the fleet and starts its threads; the writers append nothing until {@link #rate(double)}.
     *
     * @param settings how.
     */
    FleetLoopback(final Settings settings) {
        this.settings = settings;
        this.logsDirectory = settings.directory().resolve("robots");
        this.copiesDirectory = settings.directory().resolve("trainer");
        final int n = settings.robots();
        this.logs = new ExperienceLog[n];
        this.shippers = new LogShipper[n];
        this.written = new AtomicLongArray(n);
        this.appendNs = new long[n][APPEND_TIMES];
        this.aeron = FleetAeron.embedded(FleetAeron.driverContext(settings.directory().resolve("aeron"))
            .threadingMode(settings.driverThreading()));
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + settings.port();
        receiver = new FleetReceiver(FleetReceiverConfig.of(copiesDirectory, channel, null)
            .withSyncIntervalNs(Long.MAX_VALUE / 4), aeron.aeron(), SystemNanoClock.INSTANCE, new SecureRandom(),
            this::notice);
        meter = new Meter();
        receiverThread = start(List.of(receiver, meter), "bench-fleet-receiver");
        for (int i = 0; i < n; i++) {
            final String name = robotName(i);
            final Path log = logsDirectory.resolve(name);
            logs[i] = new ExperienceLog(ExperienceLogConfig.defaults(log), i, 1, 1, OBSERVATIONS, ACTIONS, 0, false);
            shippers[i] = new LogShipper(LogShipperConfig.of(name, log, channel + "|term-length="
                + settings.termLength(), "aeron:udp?endpoint=127.0.0.1:0|term-length=" + settings.termLength())
                .withWindowRecords(1 << 12), aeron.aeron(), SystemNanoClock.INSTANCE, this::notice);
        }
        for (int t = 0; t < settings.shippers(); t++) {
            final List<Agent> share = new ArrayList<>();
            for (int i = t; i < n; i += settings.shippers()) {
                share.add(shippers[i]);
            }
            shipperThreads.add(start(share, "bench-fleet-shipper-" + t));
        }
        for (int t = 0; t < settings.writers(); t++) {
            final int first = t;
            final Thread thread = new Thread(() -> write(first), "bench-fleet-writer-" + t);
            thread.setDaemon(true);
            thread.start();
            writerThreads.add(thread);
        }
    }

    static String robotName(final int index) {
        return String.format(Locale.ROOT, "robot-%04d", index);
    }

    private Thread start(final List<? extends Agent> agents, final String name) {
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(100, 10, 1_000, 1_000_000),
            this::failed, null, new CompositeAgent(agents));
        runners.add(runner);
        return AgentRunner.startOnThread(runner, runnable -> {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private void failed(final Throwable error) {
        notice("agent failed: " + error);
    }

    private void notice(final String line) {
        synchronized (notices) {
            notices.add(line);
        }
    }

    /**
     * @return the receiver's and shippers' notices so far (HELLOs, losses of the receiver, failures).
     */
    List<String> notices() {
        synchronized (notices) {
            return List.copyOf(notices);
        }
    }

    /**
     * Waits until every shipper is streaming (its HELLO answered by the receiver).
     *
     * @param timeoutNs how long at most.
     * @return how many shippers are streaming.
     */
    int awaitStreaming(final long timeoutNs) {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        int streaming;
        do {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            streaming = 0;
            for (final LogShipper shipper : shippers) {
                streaming += shipper.state() == LogShipper.State.STREAMING ? 1 : 0;
            }
        } while (streaming < shippers.length && System.nanoTime() - deadlineNs < 0);
        return streaming;
    }

    /**
     * @param recordsPerSecond each robot's append rate from now on; 0 stops appending.
     */
    void rate(final double recordsPerSecond) {
        ratePerRobot = recordsPerSecond;
    }

    /**
     * Starts recording end-to-end latencies into a new histogram (until {@link #stopLatencies()}).
     */
    void startLatencies() {
        meter.histogram = new Histogram(HIGHEST_LATENCY_NS, 3);
    }

    /**
     * @return the latencies recorded since {@link #startLatencies()}, in nanoseconds.
     */
    Histogram stopLatencies() {
        final Histogram histogram = meter.histogram;
        meter.histogram = null;
        final long scans = meter.scans.get();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (meter.scans.get() < scans + 2 && System.nanoTime() - deadlineNs < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return histogram;
    }

    /**
     * @return latency samples lost since the start: records persisted more than {@value #APPEND_TIMES_TRUSTED}
     * appends after their robot appended them.
     */
    long latencySamplesLost() {
        return meter.samplesLost.get();
    }

    Snapshot snapshot() {
        long offered = 0;
        for (int i = 0; i < written.length(); i++) {
            offered += written.get(i);
        }
        return new Snapshot(System.nanoTime(), offered, meter.persisted.get(), cpu(writerThreads),
            cpu(shipperThreads), THREADS.getThreadCpuTime(receiverThread.threadId()),
            THREADS.getThreadAllocatedBytes(receiverThread.threadId()), driverCpuNs(),
            ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime());
    }

    private static long cpu(final List<Thread> threads) {
        long sum = 0;
        for (final Thread thread : threads) {
            sum += THREADS.getThreadCpuTime(thread.threadId());
        }
        return sum;
    }

    /** The embedded driver's thread (shared mode: one thread, named after its agents). */
    private static long driverCpuNs() {
        long sum = 0;
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            final String name = thread.getName();
            if (name.contains("driver-conductor") || name.equals("sender") || name.equals("receiver")) {
                sum += THREADS.getThreadCpuTime(thread.threadId());
            }
        }
        return sum;
    }

    /**
     * Stops appending and waits until every record appended is persisted in the copies.
     *
     * @param timeoutNs how long at most.
     * @return true when drained.
     */
    boolean drain(final long timeoutNs) {
        rate(0);
        writing = false;
        for (final Thread thread : writerThreads) {
            try {
                thread.join(TimeUnit.NANOSECONDS.toMillis(timeoutNs));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (snapshot().offered() != meter.persisted.get()) {
            if (System.nanoTime() - deadlineNs > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    /**
     * Stops every thread, then reads back each robot's log and its copy and compares their record counts (a copy's
     * records are also checked by their CRC-32C as they are read).
     *
     * @return the counts.
     */
    Verification stopAndVerify() {
        stopThreads();
        int differing = 0;
        long logRecords = 0;
        long copyRecords = 0;
        long dropped = 0;
        String first = null;
        for (int i = 0; i < logs.length; i++) {
            logs[i].finish();
            dropped += logs[i].recordsDropped();
            final String name = robotName(i);
            final long inLog = count(logsDirectory.resolve(name));
            final long inCopy = Files.isDirectory(copiesDirectory.resolve(name))
                ? count(copiesDirectory.resolve(name)) : 0;
            logRecords += inLog;
            copyRecords += inCopy;
            if (inLog != inCopy || inLog != written.get(i)) {
                differing++;
                if (first == null) {
                    first = name + ": " + written.get(i) + " appended, " + inLog + " in its log, " + inCopy
                        + " in its copy";
                }
            }
        }
        return new Verification(logs.length, logRecords, copyRecords, differing, dropped, first);
    }

    private long count(final Path directory) {
        final long[] records = new long[1];
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory,
            e -> notice("the log at " + directory + " reads as damaged: " + e)).fromStart()) {
            int read;
            do {
                read = reader.poll(r -> records[0]++, 4096);
            } while (read > 0);
        }
        return records[0];
    }

    private void stopThreads() {
        writing = false;
        CloseHelper.closeAll(runners);
        runners.clear();
    }

    @Override
    public void close() {
        stopThreads();
        for (final ExperienceLog log : logs) {
            if (log != null) {
                log.finish();
            }
        }
        CloseHelper.closeAll(shippers);
        CloseHelper.closeAll(receiver, aeron);
    }

    /** A writer thread: robots first, first + writers, ...; each due record appended, then the robot's logger run. */
    private void write(final int first) {
        final int stride = settings.writers();
        final int n = settings.robots();
        final double[] owed = new double[n];
        final double[] observation = new double[OBSERVATIONS];
        final double[] action = new double[ACTIONS];
        for (int i = first; i < n; i += stride) {
            owed[i] = -(double) i / n;
        }
        long lastNs = System.nanoTime();
        while (writing) {
            final long nowNs = System.nanoTime();
            final double due = ratePerRobot * (nowNs - lastNs) / 1e9;
            lastNs = nowNs;
            for (int i = first; i < n; i += stride) {
                owed[i] += due;
                if (owed[i] < 1) {
                    continue;
                }
                final ExperienceLog log = logs[i];
                final long[] times = appendNs[i];
                long count = written.get(i);
                while (owed[i] >= 1) {
                    final long atNs = System.nanoTime();
                    observation[0] = count;
                    action[0] = -count;
                    if (!log.recorder().step(atNs, count / 1000, count % 1000, observation, action, null, 1.0,
                        -1.0, 0)) {
                        break;
                    }
                    times[(int) (count & (APPEND_TIMES - 1))] = atNs;
                    count++;
                    owed[i] -= 1;
                }
                log.awaitDrained(TimeUnit.SECONDS.toNanos(5));
                written.lazySet(i, count);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Runs after the receiver on its thread: syncs at the receiver's interval, then counts each robot's newly
     * persisted records and records their latencies. Allocates only when robots first appear.
     */
    private final class Meter implements Agent {
        private final RobotStream[] streams = new RobotStream[settings.robots()];
        private final long[] seen = new long[settings.robots()];
        private final AtomicLong persisted = new AtomicLong();
        private final AtomicLong scans = new AtomicLong();
        private final AtomicLong samplesLost = new AtomicLong();
        private volatile Histogram histogram;
        private int resolved;
        private long lastSyncNs = System.nanoTime();

        @Override
        public int doWork() {
            final long nowNs = System.nanoTime();
            if (nowNs - lastSyncNs < settings.syncIntervalNs()) {
                return 0;
            }
            lastSyncNs = nowNs;
            final int synced = receiver.sync();
            final long syncedNs = System.nanoTime();
            resolveNewRobots();
            final Histogram into = histogram;
            long total = 0;
            long lost = 0;
            for (int i = 0; i < streams.length; i++) {
                final RobotStream stream = streams[i];
                if (stream == null) {
                    continue;
                }
                final long count = stream.appended();
                final long writtenCount = written.get(i);
                final long[] times = appendNs[i];
                for (long k = seen[i]; k < count; k++) {
                    if (writtenCount - k > APPEND_TIMES_TRUSTED) {
                        lost++;
                    } else if (into != null) {
                        final long latencyNs = syncedNs - times[(int) (k & (APPEND_TIMES - 1))];
                        into.recordValue(Math.min(HIGHEST_LATENCY_NS, Math.max(0, latencyNs)));
                    }
                }
                seen[i] = count;
                total += count;
            }
            persisted.lazySet(total);
            if (lost > 0) {
                samplesLost.addAndGet(lost);
            }
            scans.incrementAndGet();
            return synced;
        }

        private void resolveNewRobots() {
            final List<RobotStream> robots = receiver.robots();
            for (int r = resolved; r < robots.size(); r++) {
                final RobotStream stream = robots.get(r);
                final int index = Integer.parseInt(stream.name().substring("robot-".length()));
                streams[index] = stream;
            }
            resolved = robots.size();
        }

        @Override
        public String roleName() {
            return "bench-fleet-meter";
        }
    }
}
