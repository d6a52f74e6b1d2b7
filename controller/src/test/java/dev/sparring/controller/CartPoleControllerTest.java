package dev.sparring.controller;

import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecorder;
import dev.sparring.controller.log.RecordType;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.config.RobotDescription;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled policy on the simulated cart-pole through the production wiring. */
class CartPoleControllerTest {
    private static final int NOT_NOMINAL = ExperienceRecordFlyweight.FLAG_SAFETY_FAULT
        | ExperienceRecordFlyweight.FLAG_TERMINAL | ExperienceRecordFlyweight.FLAG_TRUNCATED;

    @Test
    void shouldBalanceTheCartPoleForTenSimulatedSeconds() throws Exception {
        try (CartPoleRig rig = new CartPoleRig()) {
            rig.run(10_000);
            final ControlTick tick = rig.controller().tick();
            assertEquals(0, tick.supervisor().totalFaults());
            assertFalse(tick.reward().terminated());
            assertEquals(9_999.0, tick.reward().episodeReturn(), "+1 per tick (the policy runs every tick), but the "
                + "first read shows no outcome of the episode's commands yet and earns nothing");
            assertTrue(Math.abs(tick.state().positions()[1]) < 0.01, "pole upright, was "
                + tick.state().positions()[1]);
            assertTrue(Math.abs(tick.state().positions()[0]) < 0.1, "cart near the centre, was "
                + tick.state().positions()[0]);
        }
    }

    @Test
    void shouldTakeItsFirstMeasurementAtLoopStartNotWhenBuilt() throws Exception {
        try (Controller controller = Controller.create(RobotDescription.load(
            CartPoleRig.ROOT.resolve("robots/cartpole.yaml")), null, Double.NaN)) {
            final long t0 = 7_000_000_000L;
            controller.tick().onLoopStart(t0);
            for (int k = 1; k <= 2_000; k++) {
                controller.tick().onTick(t0 + k * controller.periodNs(), k);
            }
            assertEquals(0, controller.tick().supervisor().totalFaults(),
                "seconds between building and starting must not count as time the robot ran uncontrolled");
            assertFalse(controller.tick().reward().terminated());
        }
    }

    @Test
    void shouldRunTheFullTickWithoutAllocating() throws Exception {
        try (CartPoleRig rig = new CartPoleRig()) {
            final long bytes = AllocationProbe.bytesAllocatedWhenSteady(100_000, i -> rig.run(1));
            assertEquals(0, bytes, "bytes allocated by 100 000 ticks of read → observation → safety → policy → "
                + "action → write");
            assertEquals(0, rig.controller().tick().supervisor().totalFaults());
        }
    }

    @Test
    void shouldRecordEveryTickWithoutAllocating() throws Exception {
        final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
            (1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
        final ExperienceRecorder recorder = new ExperienceRecorder(ring, 3L, 1L, 1, 4, 1, 0);
        final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
        final long[] steps = new long[2];
        final MessageHandler drain = (type, buffer, index, length) -> {
            record.wrap(buffer, index);
            if (record.type() == RecordType.STEP) {
                steps[0]++;
                steps[1] += record.reward() == 1.0f && (record.flags() & NOT_NOMINAL) == 0 ? 1 : 0;
            }
        };
        try (CartPoleRig rig = new CartPoleRig(recorder)) {
            final long bytes = AllocationProbe.bytesAllocatedWhenSteady(50_000, i -> {
                rig.run(1);
                if ((i & 63) == 0) {
                    ring.read(drain);
                }
            });
            assertEquals(0, bytes, "bytes allocated by 50 000 recorded ticks");
            rig.controller().tick().finishEpisode(Long.MAX_VALUE);
            ring.read(drain);
            ring.read(drain);
            assertEquals(0, recorder.dropped());
            final long ticks = rig.controller().tick().state().sampleSequence() - 1;
            assertEquals(ticks, steps[0], "one step record per tick (the LQR policy's rate_hz is the loop's)");
            assertEquals(ticks - 1, steps[1], "each with reward 1 and no fault or end flag, but the last (truncated, "
                + "no state read after it)");
        }
    }

    /**
     * Epsilon never frees memory. Warm-up does allocate: until C2 compiles the executor, the Vector API's vectors are
     * boxed (about 45 MB here, more on a loaded machine, where C2 compiles later), so the heap is 512 MB and warm-up
     * runs until a round leaves the used heap unchanged; after warm-up the used heap must not grow at all, in
     * deterministic and in exploring mode (the LQR policy with σ = 0.05 N, sampled on every tick).
     */
    @Test
    @Tag("slow")
    void shouldRunAMillionTicksUnderEpsilonGcInASmallHeap(@TempDir final Path dir) throws Exception {
        assertEpsilonRun();
        final Path gaussian = dir.resolve("gaussian.policy");
        PolicyWriter.write(PolicyReader.read(CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy"))
            .withActionLogStd(new float[] {(float) Math.log(0.05)}), gaussian);
        assertEpsilonRun(gaussian.toString());
    }

    private static void assertEpsilonRun(final String... policy) throws Exception {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UnlockExperimentalVMOptions",
            "-XX:+UseEpsilonGC", "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED",
            "--add-modules=jdk.incubator.vector",
            "-cp", System.getProperty("java.class.path"), EpsilonTickRun.class.getName(), "1000000"));
        command.addAll(List.of(policy));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            output = String.join("\n", reader.lines().toList());
        }
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child did not finish");
        assertEquals(0, child.exitValue(), "Epsilon child failed (an allocation per tick exhausts the 512 MB heap):\n"
            + output);
        assertTrue(output.contains("ticks=1000000 faults=0"), output);
        final long growth = Long.parseLong(output.replaceAll("(?s).*heapGrowthBytes=(\\d+).*", "$1"));
        assertEquals(0, growth, "heap used grew during the measured ticks:\n" + output);
    }
}
