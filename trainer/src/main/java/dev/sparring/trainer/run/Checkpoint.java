package dev.sparring.trainer.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Named numeric arrays and strings that together hold everything a training run needs to continue bit for bit:
 * network parameters, optimiser moments, normaliser statistics, random-generator states, counters. Stored by
 * {@link CheckpointFile}. Getters copy, so a checkpoint in memory cannot be changed behind the writer's back, and a
 * missing or mistyped entry is a {@link CheckpointException} naming it.
 */
public final class Checkpoint {
    private final String source;
    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** Creates an empty checkpoint to fill. */
    public Checkpoint() {
        this("checkpoint in memory");
    }

    Checkpoint(final String source) {
        this.source = source;
    }

    /**
     * @param name   the entry's name.
     * @param values the values (copied).
     * @return this.
     */
    public Checkpoint putDoubles(final String name, final double[] values) {
        return put(name, values.clone());
    }

    /**
     * @param name   the entry's name.
     * @param values the values (copied).
     * @return this.
     */
    public Checkpoint putLongs(final String name, final long[] values) {
        return put(name, values.clone());
    }

    /**
     * @param name  the entry's name.
     * @param value the value.
     * @return this.
     */
    public Checkpoint putLong(final String name, final long value) {
        return put(name, new long[] {value});
    }

    /**
     * @param name  the entry's name.
     * @param value the text.
     * @return this.
     */
    public Checkpoint putString(final String name, final String value) {
        return put(name, value);
    }

    /**
     * @param name an entry written with {@link #putDoubles}.
     * @return a copy of its values.
     * @throws CheckpointException when there is no such entry of that type.
     */
    public double[] doubles(final String name) {
        return ((double[]) entry(name, double[].class)).clone();
    }

    /**
     * Reads an entry into an existing array whose length must match, as restoring network parameters needs. Every
     * value a session saves is finite (parameters, statistics, optimizer moments, environment states), so a NaN or
     * an infinity is refused here, when the run is resumed, rather than found when the policy is exported.
     *
     * @param name        an entry written with {@link #putDoubles}.
     * @param destination receives the values; its length must equal the entry's.
     * @throws CheckpointException when the entry is missing, has another length or holds a non-finite value.
     */
    public void doublesInto(final String name, final double[] destination) {
        final double[] values = (double[]) entry(name, double[].class);
        if (values.length != destination.length) {
            throw new CheckpointException(source + ": entry '" + name + "' has " + values.length
                + " values where this run needs " + destination.length
                + "; the checkpoint belongs to a run with another configuration");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new CheckpointException(source + ": entry '" + name + "' value " + i + " is " + values[i]
                    + "; the run had diverged when it was saved, or the file was altered: train the seed again "
                    + "(delete its directory) or change the settings");
            }
        }
        System.arraycopy(values, 0, destination, 0, values.length);
    }

    /**
     * @param name an entry written with {@link #putLongs}.
     * @return a copy of its values.
     * @throws CheckpointException when there is no such entry of that type.
     */
    public long[] longs(final String name) {
        return ((long[]) entry(name, long[].class)).clone();
    }

    /**
     * @param name an entry written with {@link #putLong}.
     * @return its value.
     * @throws CheckpointException when there is no such entry, or it does not hold exactly one value.
     */
    public long longValue(final String name) {
        final long[] values = (long[]) entry(name, long[].class);
        if (values.length != 1) {
            throw new CheckpointException(source + ": entry '" + name + "' holds " + values.length
                + " values, expected one");
        }
        return values[0];
    }

    /**
     * @param name an entry written with {@link #putString}.
     * @return its text.
     * @throws CheckpointException when there is no such entry of that type.
     */
    public String string(final String name) {
        return (String) entry(name, String.class);
    }

    /**
     * @param name an entry name.
     * @return whether the checkpoint has it.
     */
    public boolean has(final String name) {
        return entries.containsKey(name);
    }

    /**
     * @return the entry names in insertion order.
     */
    public Set<String> names() {
        return entries.keySet();
    }

    /**
     * @return where this checkpoint came from, for messages.
     */
    public String source() {
        return source;
    }

    Object raw(final String name) {
        return entries.get(name);
    }

    Checkpoint put(final String name, final Object value) {
        if (name == null || name.isEmpty() || name.length() > CheckpointFile.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("checkpoint entry names must have 1.."
                + CheckpointFile.MAX_NAME_BYTES + " characters, was '" + name + "'");
        }
        if (entries.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' is written twice");
        }
        return this;
    }

    private Object entry(final String name, final Class<?> type) {
        final Object value = entries.get(name);
        if (value == null) {
            throw new CheckpointException(source + " has no entry '" + name + "' (has " + entries.keySet()
                + "); it was written by a different kind of run or trainer version");
        }
        if (!type.isInstance(value)) {
            throw new CheckpointException(source + ": entry '" + name + "' is " + typeName(value) + ", expected "
                + type.getSimpleName());
        }
        return value;
    }

    private static String typeName(final Object value) {
        return value instanceof String ? "a string" : value.getClass().getSimpleName();
    }

    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof Checkpoint that) || !entries.keySet().equals(that.entries.keySet())) {
            return false;
        }
        for (final Map.Entry<String, Object> e : entries.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), that.entries.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return entries.keySet().hashCode();
    }
}
