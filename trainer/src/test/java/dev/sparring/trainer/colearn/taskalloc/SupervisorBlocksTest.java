package dev.sparring.trainer.colearn.taskalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The static, contiguous assignment of agents to supervisors. */
class SupervisorBlocksTest {
    @Test
    void shouldTileTheGridIntoSquareBlocks() {
        final GridNetwork grid = GridNetwork.square(100);
        final int[][] nine = SupervisorBlocks.partition(grid, 9);
        final int[] sizes = new int[9];
        for (int b = 0; b < 9; b++) {
            sizes[b] = nine[b].length;
        }
        assertArrayEquals(new int[] {16, 12, 12, 12, 9, 9, 12, 9, 9}, sizes);
        assertArrayEquals(new int[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33}, nine[0]);
        assertArrayEquals(new int[] {77, 78, 79, 87, 88, 89, 97, 98, 99}, nine[8]);
        assertEveryAgentOnce(grid, nine);
        final int[][] four = SupervisorBlocks.partition(grid, 4);
        for (final int[] block : four) {
            assertEquals(25, block.length);
        }
        assertEquals(44, four[0][24]);
        assertEveryAgentOnce(grid, four);
        assertEquals(100, SupervisorBlocks.partition(grid, 1)[0].length);
    }

    @Test
    void shouldSplitIntoRowMajorRunsWhenNotASquare() {
        final GridNetwork grid = GridNetwork.square(100);
        final int[][] three = SupervisorBlocks.partition(grid, 3);
        assertEquals(34, three[0].length);
        assertEquals(33, three[1].length);
        assertEquals(34, three[1][0]);
        assertEquals(99, three[2][32]);
        assertEveryAgentOnce(grid, three);
        assertThrows(IllegalArgumentException.class, () -> SupervisorBlocks.partition(grid, 0));
        assertThrows(IllegalArgumentException.class, () -> SupervisorBlocks.partition(grid, 101));
    }

    private static void assertEveryAgentOnce(final GridNetwork grid, final int[][] blocks) {
        final int[] seen = new int[grid.agents()];
        for (final int[] block : blocks) {
            for (final int agent : block) {
                seen[agent]++;
            }
        }
        for (int agent = 0; agent < seen.length; agent++) {
            assertEquals(1, seen[agent], "agent " + agent);
        }
    }
}
