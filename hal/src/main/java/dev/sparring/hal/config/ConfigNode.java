package dev.sparring.hal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping in a parsed description file that knows where it stands ({@code source} and dotted {@code path}), so
 * every typed accessor can reject a missing, mistyped or out-of-range value with a message that names the field.
 * Unknown keys are rejected by {@link #requireOnlyKeys(String...)} so a misspelt field never goes unnoticed.
 */
public final class ConfigNode {
    private final String source;
    private final String path;
    private final Map<String, Object> values;

    /**
     * @param source file name or other origin, for messages.
     * @param path   dotted path of this mapping inside the source ("" for the root).
     * @param values the parsed mapping.
     */
    public ConfigNode(final String source, final String path, final Map<String, Object> values) {
        this.source = source;
        this.path = path;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @return the origin of this node (a file name).
     */
    public String source() {
        return source;
    }

    /**
     * @return the dotted path of this node.
     */
    public String path() {
        return path;
    }

    /**
     * @param key a field name.
     * @return whether the field is present.
     */
    public boolean has(final String key) {
        return values.containsKey(key);
    }

    /**
     * @return the field names in file order.
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Rejects any field not in {@code allowed}.
     *
     * @param allowed the accepted field names.
     * @return this node.
     */
    public ConfigNode requireOnlyKeys(final String... allowed) {
        final Set<String> accepted = new TreeSet<>(List.of(allowed));
        for (final String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw error(key, "is not a known field; expected one of " + accepted);
            }
        }
        return this;
    }

    /**
     * @param key a required field.
     * @return its text value.
     */
    public String string(final String key) {
        final Object value = require(key);
        if (value instanceof String text) {
            return text;
        }
        throw error(key, "must be text, was " + describe(value));
    }

    /**
     * @param key          an optional field.
     * @param defaultValue the value when absent.
     * @return its text value.
     */
    public String string(final String key, final String defaultValue) {
        return has(key) ? string(key) : defaultValue;
    }

    /**
     * @param key a required field.
     * @return its finite numeric value.
     */
    public double number(final String key) {
        return toNumber(key, require(key));
    }

    /**
     * @param key          an optional field.
     * @param defaultValue the value when absent.
     * @return its finite numeric value.
     */
    public double number(final String key, final double defaultValue) {
        return has(key) ? number(key) : defaultValue;
    }

    /**
     * @param key a required field.
     * @return its value, which must be finite and &gt; 0.
     */
    public double positiveNumber(final String key) {
        require(key);
        return positiveNumber(key, 1.0);
    }

    /**
     * @param key          an optional field.
     * @param defaultValue the value when absent.
     * @return its value, which must be finite and &gt; 0.
     */
    public double positiveNumber(final String key, final double defaultValue) {
        final double value = number(key, defaultValue);
        if (!(value > 0)) {
            throw error(key, "must be > 0, was " + value);
        }
        return value;
    }

    /**
     * @param key          an optional field.
     * @param defaultValue the value when absent.
     * @return its value, which must be finite and &gt;= 0.
     */
    public double nonNegativeNumber(final String key, final double defaultValue) {
        final double value = number(key, defaultValue);
        if (!(value >= 0)) {
            throw error(key, "must be >= 0, was " + value);
        }
        return value;
    }

    /**
     * @param key          an optional field.
     * @param defaultValue the value when absent.
     * @param min          smallest accepted value.
     * @param max          largest accepted value.
     * @return its integer value within [min, max].
     */
    public long integer(final String key, final long defaultValue, final long min, final long max) {
        if (!has(key)) {
            return defaultValue;
        }
        final Object value = values.get(key);
        if (!(value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger)) {
            throw error(key, "must be a whole number, was " + describe(value));
        }
        final long result = ((Number) value).longValue();
        if (result < min || result > max) {
            throw error(key, "must be in [" + min + ", " + max + "], was " + result);
        }
        return result;
    }

    /**
     * @param key          an optional field.
     * @param defaultValue the value when absent.
     * @return its boolean value.
     */
    public boolean bool(final String key, final boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        if (values.get(key) instanceof Boolean flag) {
            return flag;
        }
        throw error(key, "must be true or false, was " + describe(values.get(key)));
    }

    /**
     * @param key a required field holding a list of numbers.
     * @return the numbers.
     */
    public double[] numbers(final String key) {
        final List<?> list = list(key);
        final double[] result = new double[list.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = toNumber(key + "[" + i + "]", list.get(i));
        }
        return result;
    }

    /**
     * @param key a required field holding a list of text values.
     * @return the texts.
     */
    public List<String> strings(final String key) {
        final List<?> list = list(key);
        final List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw error(key + "[" + i + "]", "must be text, was " + describe(list.get(i)));
            }
            result.add(text);
        }
        return result;
    }

    /**
     * @param key a required field holding a mapping.
     * @return the mapping as a node.
     */
    public ConfigNode child(final String key) {
        return toNode(key, require(key));
    }

    /**
     * @param key an optional field holding a mapping.
     * @return the mapping as a node, or an empty node at that path when absent.
     */
    public ConfigNode childOrEmpty(final String key) {
        return has(key) ? child(key) : new ConfigNode(source, qualify(key), Map.of());
    }

    /**
     * @param key a required field holding a list of mappings.
     * @return one node per element.
     */
    public List<ConfigNode> children(final String key) {
        final List<?> list = list(key);
        final List<ConfigNode> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            result.add(toNode(key + "[" + i + "]", list.get(i)));
        }
        return result;
    }

    /**
     * Builds an error for a field of this node.
     *
     * @param key     the field name (or indexed name such as {@code joints[2]}).
     * @param problem what is wrong, e.g. "must be > 0, was -2.0".
     * @return the exception to throw.
     */
    public ConfigException error(final String key, final String problem) {
        return new ConfigException(source + ": " + qualify(key) + " " + problem);
    }

    /**
     * Builds an error about this node as a whole.
     *
     * @param problem what is wrong.
     * @return the exception to throw.
     */
    public ConfigException invalid(final String problem) {
        return new ConfigException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    private List<?> list(final String key) {
        final Object value = require(key);
        if (value instanceof List<?> list) {
            return list;
        }
        throw error(key, "must be a list, was " + describe(value));
    }

    private Object require(final String key) {
        final Object value = values.get(key);
        if (value == null) {
            throw error(key, "is required but missing");
        }
        return value;
    }

    private double toNumber(final String key, final Object value) {
        if (!(value instanceof Number number)) {
            throw error(key, "must be a number, was " + describe(value));
        }
        final double result = number.doubleValue();
        if (!Double.isFinite(result)) {
            throw error(key, "must be finite, was " + result);
        }
        return result;
    }

    private ConfigNode toNode(final String key, final Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, "must be a mapping of fields, was " + describe(value));
        }
        final Map<String, Object> fields = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw error(key, "has a field name that is not text: " + entry.getKey());
            }
            fields.put(name, entry.getValue());
        }
        return new ConfigNode(source, qualify(key), fields);
    }

    /**
     * This mapping with fields replaced, as a JSON Merge Patch (RFC 7386) does: where both hold a mapping under a key,
     * the two merge key by key, recursively; a {@code null} value in {@code overrides} removes the
     * field; any other value (a number, a text, a list) replaces this one's. Messages name this node's source with
     * the overrides' in brackets, so an error in a merged field can be traced to either.
     *
     * @param overrides the fields to replace.
     * @return the merged mapping.
     */
    public ConfigNode mergedWith(final ConfigNode overrides) {
        final String mergedSource = overrides.values.isEmpty() || source.equals(overrides.source)
            || source.endsWith("[with " + overrides.source + "]") ? source : source + " [with " + overrides.source + "]";
        return new ConfigNode(mergedSource, path, merge(values, overrides.values));
    }

    private static Map<String, Object> merge(final Map<String, Object> base, final Map<?, ?> overrides) {
        final Map<String, Object> merged = new LinkedHashMap<>(base);
        for (final Map.Entry<?, ?> entry : overrides.entrySet()) {
            final String key = String.valueOf(entry.getKey());
            final Object replacement = entry.getValue();
            if (replacement == null) {
                merged.remove(key);
            } else if (merged.get(key) instanceof Map<?, ?> original && replacement instanceof Map<?, ?> inner) {
                final Map<String, Object> originalFields = new LinkedHashMap<>();
                original.forEach((name, value) -> originalFields.put(String.valueOf(name), value));
                merged.put(key, merge(originalFields, inner));
            } else {
                merged.put(key, replacement);
            }
        }
        return merged;
    }

    private String qualify(final String key) {
        return path.isEmpty() ? key : path + (key.startsWith("[") ? "" : ".") + key;
    }

    private static String describe(final Object value) {
        if (value == null) {
            return "empty";
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
