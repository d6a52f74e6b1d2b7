package dev.sparring.trainer.colearn;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * The correspondences a robot description declares, the identity first: its {@code colearn.interchangeable} list,
     * each entry {@code {observation: [...], action: [...]}} a permutation of the positions of
     * {@code control.observation} and {@code control.action} (e.g. the left leg's channels where the right leg's
     * are). None declared: the identity alone.
     *
     * @param description     the robot description.
     * @param observationSize n_s, the length of its {@code control.observation}.
     * @param actionSize      n_a, the length of its {@code control.action}.
     * @return the declared correspondences.
     * @throws ConfigException naming the entry when one is not a permutation of the right length.
     */
    public static Correspondence[] declaredBy(final RobotDescription description, final int observationSize,
        final int actionSize) {
        final ConfigNode colearn = description.section("colearn").requireOnlyKeys("interchangeable");
        final List<Correspondence> declared = new ArrayList<>();
        declared.add(identity(observationSize, actionSize));
        if (colearn.has("interchangeable")) {
            final List<ConfigNode> entries = colearn.children("interchangeable");
            for (int e = 0; e < entries.size(); e++) {
                final ConfigNode entry = entries.get(e).requireOnlyKeys("observation", "action");
                final int[] observation = indices(entry, "observation", observationSize);
                final int[] action = entry.has("action") ? indices(entry, "action", actionSize)
                    : identity(observationSize, actionSize).action();
                try {
                    declared.add(new Correspondence(observation, action));
                } catch (final IllegalArgumentException error) {
                    throw entry.invalid(error.getMessage());
                }
            }
        }
        return declared.toArray(Correspondence[]::new);
    }

    private static int[] indices(final ConfigNode entry, final String key, final int size) {
        final double[] values = entry.numbers(key);
        if (values.length != size) {
            throw entry.error(key, "must list " + size + " positions (a permutation of 0.." + (size - 1) + "), had "
                + values.length);
        }
        final int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            if (values[i] != Math.rint(values[i])) {
                throw entry.error(key, "must hold whole positions, had " + values[i]);
            }
            indices[i] = (int) values[i];
        }
        return indices;
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
