package dev.sparring.benchmarks;

import dev.sparring.controller.log.ExperienceRecorder;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The control thread's cost per step record (obs 17, act 6) with no concurrent reader: each invocation offers
 * {@value #BATCH} records into an emptied 1 MiB ring (none dropped); the ring is emptied outside the measured time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class ExperienceOfferAloneBenchmark {
    private static final int BATCH = 4096;
    private static final int RING_BYTES = 1 << 20;

    private final double[] observation = new double[17];
    private final double[] action = new double[6];
    private final MessageHandler discard = (type, buffer, index, length) -> { };
    private OneToOneRingBuffer ring;
    private ExperienceRecorder recorder;
    private long step;

    /** A 1 MiB ring, as the controller uses. */
    @Setup
    public void setUp() {
        ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
            RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
        recorder = new ExperienceRecorder(ring, 1L, 1L, 1, observation.length, action.length, 0);
    }

    /** Empties the ring before each batch (not measured). */
    @Setup(Level.Invocation)
    public void emptyRing() {
        while (ring.read(discard, Integer.MAX_VALUE) > 0) {
            step++;
        }
    }

    /**
     * @return records queued in the batch (all of them).
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int offer() {
        int queued = 0;
        for (int i = 0; i < BATCH; i++) {
            final long s = step + i;
            queued += recorder.step(s, 1L, s, observation, action, null, 1.0, 0.0, 0) ? 1 : 0;
        }
        return queued;
    }
}
