package dev.sparring.benchmarks;

import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLoggerAgent;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.RecordType;
import dev.sparring.controller.log.SyncPolicy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.IoUtil;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained logger throughput: batches of 1 000 records (17 observations, 6 actions; the last of each batch an
 * episode end) offered into the ring and drained by the logger agent into a Chronicle queue in a temporary
 * directory, per sync policy (PERIODIC every 1 000 ms; PER_EPISODE syncs once per batch). Score: records per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoggerThroughputBenchmark {
    private static final int BATCH = 1000;
    private static final int OBSERVATIONS = 17;
    private static final int ACTIONS = 6;

    /** The sync policy under test. */
    @Param({"NONE", "PERIODIC", "PER_EPISODE"})
    public String syncPolicy;

    private final ExperienceRecordFlyweight flyweight = new ExperienceRecordFlyweight();
    private Path directory;
    private RingBuffer ring;
    private ExperienceLoggerAgent agent;
    private long step;

    /**
     * @throws IOException when no temporary directory can be made.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("sparring-logger-bench");
        ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
        agent = new ExperienceLoggerAgent(ExperienceLogConfig.defaults(directory)
            .withSync(SyncPolicy.valueOf(syncPolicy), ExperienceLogConfig.DEFAULT_SYNC_PERIOD_MS), ring,
            Throwable::printStackTrace, SystemNanoClock.INSTANCE);
        agent.onStart();
    }

    /**
     * Offers a batch and drains it.
     *
     * @return records written so far (keeps the work observable).
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerAndDrain() {
        final int length = ExperienceRecordFlyweight.length(OBSERVATIONS, ACTIONS, 0);
        for (int i = 0; i < BATCH; i++) {
            final int index = ring.tryClaim(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, length);
            final RecordType type = i == BATCH - 1 ? RecordType.EPISODE_END : RecordType.STEP;
            flyweight.wrap(ring.buffer(), index).header(type, 0, OBSERVATIONS, ACTIONS, 0).robotId(1).episodeId(0)
                .stepIndex(step).timestampNs(step * 1_000_000L).policyId(1).policyVersion(1).reward(0)
                .logProbability(0);
            for (int j = 0; j < OBSERVATIONS; j++) {
                flyweight.observation(j, j);
            }
            for (int j = 0; j < ACTIONS; j++) {
                flyweight.action(j, j);
            }
            flyweight.seal();
            ring.commit(index);
            step++;
        }
        int workCount;
        do {
            workCount = agent.doWork();
        } while (workCount > 0);
        return agent.recordsWritten();
    }

    /** Closes the queue and deletes it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        agent.onClose();
        IoUtil.delete(directory.toFile(), true);
    }
}
