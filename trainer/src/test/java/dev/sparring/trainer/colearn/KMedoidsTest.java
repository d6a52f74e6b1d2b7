package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.random.SplitMix64;
import org.junit.jupiter.api.Test;

class KMedoidsTest {
    private static final double[][] CENTRES = {{0, 0}, {6, 0}, {3, 5}};

    @Test
    void shouldRecoverPlantedGroups() {
        final int[] planted = new int[45];
        final double[][] distance = plantedBlobs(planted, new SplitMix64(21));

        final Clustering clustering = KMedoids.cluster(distance, 3, 1L);

        assertArrayEquals(canonical(planted), clustering.groupOf());
        assertEquals(3, clustering.groups());
    }

    @Test
    void shouldChoosePlantedNumberOfGroupsBySilhouette() {
        final int[] planted = new int[45];
        final double[][] distance = plantedBlobs(planted, new SplitMix64(22));

        final Clustering clustering = KMedoids.clusterBySilhouette(distance, 1, 8, 2L);

        assertEquals(3, clustering.groups());
        assertArrayEquals(canonical(planted), clustering.groupOf());
        assertTrue(clustering.silhouette() > 0.7, "silhouette " + clustering.silhouette());
    }

    @Test
    void shouldComputeSilhouetteExactly() {
        // Points 0, 1 and 10, 11 on a line.
        final double[] x = {0, 1, 10, 11};
        final double[][] distance = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                distance[i][j] = Math.abs(x[i] - x[j]);
            }
        }

        final Clustering clustering = KMedoids.cluster(distance, 2, 0L);

        assertArrayEquals(new int[] {0, 0, 1, 1}, clustering.groupOf());
        // s = (b − a)/max(a, b): 9.5/10.5 for the outer points, 8.5/9.5 for the inner ones.
        assertEquals((9.5 / 10.5 + 8.5 / 9.5) / 2.0, clustering.silhouette(), 1e-15);
    }

    @Test
    void shouldKeepOneGroupWhenNoPartitionHasStructure() {
        final double[][] distance = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                distance[i][j] = i == j ? 0.0 : 1.0;
            }
        }

        final Clustering clustering = KMedoids.clusterBySilhouette(distance, 1, 5, 3L);

        assertEquals(1, clustering.groups());
        assertArrayEquals(new int[6], clustering.groupOf());
        assertEquals(0.0, clustering.silhouette(), 0.0);
    }

    @Test
    void shouldPutEveryRobotInItsOwnGroupWhenKIsN() {
        final int[] planted = new int[45];
        final double[][] distance = plantedBlobs(planted, new SplitMix64(23));

        final Clustering clustering = KMedoids.cluster(distance, 45, 4L);

        for (int i = 0; i < 45; i++) {
            assertEquals(i, clustering.groupOf()[i]);
        }
    }

    @Test
    void shouldBeDeterministicForSeed() {
        final int[] planted = new int[45];
        final double[][] distance = plantedBlobs(planted, new SplitMix64(24));

        assertArrayEquals(KMedoids.cluster(distance, 5, 9L).groupOf(), KMedoids.cluster(distance, 5, 9L).groupOf());
    }

    /** 45 points around three centres, 15 each, in shuffled order; planted[i] receives point i's centre. */
    private static double[][] plantedBlobs(final int[] planted, final SplitMix64 random) {
        final int n = planted.length;
        for (int i = 0; i < n; i++) {
            planted[i] = i % 3;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int swap = planted[i];
            planted[i] = planted[j];
            planted[j] = swap;
        }
        final double[][] points = new double[n][2];
        for (int i = 0; i < n; i++) {
            points[i][0] = CENTRES[planted[i]][0] + 0.6 * random.nextGaussian();
            points[i][1] = CENTRES[planted[i]][1] + 0.6 * random.nextGaussian();
        }
        final double[][] distance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                distance[i][j] = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
            }
        }
        return distance;
    }

    static int[] canonical(final int[] labels) {
        final int[] relabel = {-1, -1, -1, -1, -1, -1, -1, -1};
        final int[] groupOf = new int[labels.length];
        int next = 0;
        for (int i = 0; i < labels.length; i++) {
            if (relabel[labels[i]] < 0) {
                relabel[labels[i]] = next++;
            }
            groupOf[i] = relabel[labels[i]];
        }
        return groupOf;
    }
}
