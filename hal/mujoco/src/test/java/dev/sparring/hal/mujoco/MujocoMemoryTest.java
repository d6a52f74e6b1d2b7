package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Native memory is owned: models and data are freed on close. */
@Tag("slow")
@ExtendWith(RequiresMujoco.class)
class MujocoMemoryTest {
    private static final Path STATM = Path.of("/proc/self/statm");
    /** x86-64 and arm64 Linux pages. */
    private static final long PAGE_BYTES = 4096;
    private static final int WARM_UP_PAIRS = 5_000;
    private static final int PAIRS = 10_000;
    /** Checked after every batch, so a leak fails the test before it exhausts the machine's memory. */
    private static final int BATCH_PAIRS = 1_000;
    /**
     * Growth allowed in resident memory over 10 000 pairs. Each reading follows a System.gc(), which shrinks G1's heap
     * (without it, eden pages touched for the first time grow the resident set by about 5 MB per 1 000 pairs until
     * the first collection); the JIT's code and arenas and malloc's free lists still settle by a few MB after warm-up
     * (7 MB measured over the first 1 000 pairs after a 3 000-pair warm-up, then flat). A leak is far larger: one
     * pendulum mjData is a 3 MB buffer that mj_makeData touches, and the 8 KB mjModel buffer leaked 10 000 times is
     * 80 MB.
     */
    private static final long TOLERANCE_BYTES = 16L << 20;

    @BeforeAll
    static void mujoco() {
        assumeTrue(Files.isReadable(STATM), "no /proc/self/statm: resident memory is read on Linux only");
    }

    @Test
    void shouldNotGrowResidentMemoryOverTenThousandModelAndDataPairs() throws IOException {
        final Path file = TestModels.path("pendulum.xml");
        createAndClose(file, WARM_UP_PAIRS);
        final long before = residentBytes();

        for (int pairs = BATCH_PAIRS; pairs <= PAIRS; pairs += BATCH_PAIRS) {
            createAndClose(file, BATCH_PAIRS);

            final long growth = residentBytes() - before;
            assertTrue(growth < TOLERANCE_BYTES, "resident memory grew by " + growth + " bytes over " + pairs
                + " pairs");
        }
    }

    private static void createAndClose(final Path file, final int pairs) {
        for (int i = 0; i < pairs; i++) {
            try (MujocoModel model = MujocoModel.load(file);
                 MujocoData data = model.makeData()) {
                assertEquals(StepResult.OK, data.step(1));
            }
        }
    }

    private static long residentBytes() throws IOException {
        System.gc();
        final String[] fields = Files.readString(STATM).trim().split(" ");
        return Long.parseLong(fields[1]) * PAGE_BYTES;
    }
}
