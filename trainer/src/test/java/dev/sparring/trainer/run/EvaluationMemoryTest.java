package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.eval.ParameterAxis;
import dev.sparring.trainer.run.RobustnessStudy.Disturbance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Evaluations free their MuJoCo plants: evaluating Hopper policies again and again (each evaluation, sweep thread and
 * study makes its own plants) leaves the process's resident memory flat. Skipped where libmujoco is not installed.
 */
@Tag("slow")
class EvaluationMemoryTest {
    private static final Path STATM = Path.of("/proc/self/statm");
    /** x86-64 and arm64 Linux pages. */
    private static final long PAGE_BYTES = 4096;
    private static final String TASK = "hopper";
    private static final int WARM_UP_STUDIES = 20;
    /** Checked after every batch, so a leak fails the test before it exhausts the machine's memory. */
    private static final int BATCH_STUDIES = 20;
    private static final int STUDIES = 100;
    /** Each study makes 5 plants: one to check its axes, two evaluations (nominal, random forces), two sweep threads. */
    private static final int PLANTS_PER_STUDY = 5;
    /**
     * Growth allowed in resident memory over 100 studies (500 Hopper plants). A Hopper mjData is a buffer of a few
     * MB that mj_makeData touches (leaking them grew {@code ./sparring eval}'s resident set by about 3 MB a plant), so
     * one batch of 100 leaked plants is hundreds of MB; the JIT and malloc's free lists settle within a few MB.
     */
    private static final long TOLERANCE_BYTES = 32L << 20;

    @BeforeAll
    static void linuxAndMujoco() {
        Assumptions.assumeTrue(Files.isReadable(STATM), "no /proc/self/statm: resident memory is read on Linux only");
        try (Env probe = Tasks.create(TASK, 0.0)) {
            Assumptions.assumeTrue(probe.observationSize() == 11);
        } catch (final RuntimeException unavailable) {
            Assumptions.assumeTrue(false, "MuJoCo plants unavailable: " + unavailable.getMessage());
        }
    }

    @Test
    void shouldNotGrowResidentMemoryOverAHundredEvaluations() throws IOException {
        final TrainingConfig template = TrainingConfig.defaults(TASK, Algorithm.PPO, true, 1L, 100_000L);
        final GaussianPolicy policy = GaussianPolicy.create(11, 3, new int[] {8}, new double[] {1.0, 1.0, 1.0}, 10.0,
            1, 4L);
        evaluate(template, policy, WARM_UP_STUDIES);
        final long before = residentBytes();

        for (int studies = BATCH_STUDIES; studies <= STUDIES; studies += BATCH_STUDIES) {
            evaluate(template, policy, BATCH_STUDIES);

            final long growth = residentBytes() - before;
            assertTrue(growth < TOLERANCE_BYTES, "resident memory grew by " + growth + " bytes over " + studies
                + " evaluations (" + studies * PLANTS_PER_STUDY + " Hopper plants)");
        }
    }

    private static void evaluate(final TrainingConfig template, final GaussianPolicy policy, final int studies) {
        final double[] multipliers = {0.9, 1.1};
        for (int s = 0; s < studies; s++) {
            new RobustnessStudy(template, ParameterAxis.named(TASK, "mass", multipliers),
                ParameterAxis.named(TASK, "friction", multipliers), 1, 0, 2, s, List.of(Disturbance.NONE))
                .run(Map.of("rarl", List.of(policy)));
        }
    }

    private static long residentBytes() throws IOException {
        System.gc();
        final String[] fields = Files.readString(STATM).trim().split(" ");
        return Long.parseLong(fields[1]) * PAGE_BYTES;
    }
}
