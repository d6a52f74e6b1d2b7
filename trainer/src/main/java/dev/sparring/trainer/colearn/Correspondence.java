package dev.sparring.trainer.colearn;

import java.util.Arrays;

/**
 * A correspondence ρ between two robots' variables that the robot description declares interchangeable (left and
 * right legs, say): robot a's observation i is robot b's observation {@code observation[i]}, a's action j is b's
 * action {@code action[j]}. Algorithm 1 takes the divergence of a's models from b's models relabelled by ρ and
 * minimises over the declared ρ; the identity is always among them.
 *
 * @param observation a permutation of 0..n_s−1.
 * @param action      a permutation of 0..n_a−1.
 */
public record Correspondence(int[] observation, int[] action) {
    /**
     * Validates that both maps are permutations.
     */
    public Correspondence {
        requirePermutation("observation", observation, observation == null ? 0 : observation.length);
        requirePermutation("action", action, action == null ? 0 : action.length);
    }

    /**
     * @param observationSize n_s.
     * @param actionSize      n_a.
     * @return the identity, the only correspondence when the description declares none.
     */
    public static Correspondence identity(final int observationSize, final int actionSize) {
        final int[] observation = new int[observationSize];
        final int[] action = new int[actionSize];
        Arrays.setAll(observation, i -> i);
        Arrays.setAll(action, i -> i);
        return new Correspondence(observation, action);
    }

    /**
     * @return the map of the model inputs {@code x = (s, a)}: a's input j is b's input {@code inputOrder()[j]}.
     */
    public int[] inputOrder() {
        final int observationSize = observation.length;
        final int[] order = new int[observationSize + action.length];
        System.arraycopy(observation, 0, order, 0, observationSize);
        for (int j = 0; j < action.length; j++) {
            order[observationSize + j] = observationSize + action[j];
        }
        return order;
    }

    static void requirePermutation(final String name, final int[] map, final int size) {
        if (map == null || map.length != size) {
            throw new IllegalArgumentException(name + " must map " + size + " indices, was "
                + (map == null ? "null" : Arrays.toString(map)));
        }
        final boolean[] seen = new boolean[size];
        for (final int target : map) {
            if (target < 0 || target >= size || seen[target]) {
                throw new IllegalArgumentException(name + " must be a permutation of 0.." + (size - 1) + ", was "
                    + Arrays.toString(map));
            }
            seen[target] = true;
        }
    }
}
