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
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What logging costs the control thread: one step record (obs 17, act 6) offered into the ring buffer while a second
 * thread drains it continuously. The worst case for the producer: the consumer keeps pulling the ring's cache lines
 * to the other core. The {@code offer} score is the control thread's cost per record. See
 * {@link ExperienceOfferAloneBenchmark} for the same offer without a concurrent reader.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class ExperienceOfferBenchmark {
    private static final int RING_BYTES = 1 << 20;

    private final double[] observation = new double[17];
    private final double[] action = new double[6];
    private OneToOneRingBuffer ring;
    private ExperienceRecorder recorder;
    private final MessageHandler discard = (type, buffer, index, length) -> { };
    private long step;

    /** A 1 MiB ring, as the controller uses. */
    @Setup
    public void setUp() {
        ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
            RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
        recorder = new ExperienceRecorder(ring, 1L, 1L, 1, observation.length, action.length, 0);
        for (int i = 0; i < observation.length; i++) {
            observation[i] = 0.1 * i;
        }
    }

    /**
     * @return whether the record was queued (false: dropped, ring full).
     */
    @Benchmark
    @Group("log")
    @GroupThreads(1)
    public boolean offer() {
        final long s = step++;
        return recorder.step(s, 1L, s, observation, action, null, 1.0, 0.0, 0);
    }

    /**
     * @return records drained.
     */
    @Benchmark
    @Group("log")
    @GroupThreads(1)
    public int drain() {
        return ring.read(discard, 64);
    }
}
