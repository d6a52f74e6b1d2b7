package dev.sparring.trainer.run;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a configuration record as {@code name = value} lines (nested records as {@code outer.inner = value}) and
 * reads it back through the record's canonical constructor, so the record's own validation runs on every load and a
 * run directory's {@code config.txt} is both readable and exact (doubles print in round-trip form). Supports
 * {@code boolean}, {@code int}, {@code long}, {@code double}, {@code int[]}, {@link String}, enums and nested records.
 */
public final class RecordText {
    private RecordText() {
    }

    /**
     * @param value a configuration record.
     * @return its lines, in component order.
     */
    public static String write(final Record value) {
        final StringBuilder text = new StringBuilder();
        write(value, "", text);
        return text.toString();
    }

    /**
     * @param type          the record class.
     * @param text          lines written by {@link #write}; blank lines and {@code #} comments are skipped.
     * @param source        a name for messages (the file).
     * @param addedSettings settings added to the record after texts were stored, each with the value that a text
     *                      written before it means (the behaviour it was written with); used when the text lacks it.
     * @param <R>           the record type.
     * @return the record.
     * @throws IllegalArgumentException naming the field when a value is missing, unknown, malformed or invalid.
     */
    public static <R extends Record> R read(final Class<R> type, final String text, final String source,
        final Map<String, String> addedSettings) {
        final Map<String, String> values = new LinkedHashMap<>(addedSettings);
        final String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 'name = value', was '"
                    + line + "'");
            }
            values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        final R result = read(type, "", values, source);
        if (!values.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown setting(s) " + values.keySet());
        }
        return result;
    }

    /**
     * @param before a configuration record.
     * @param after  another of the same type.
     * @return the settings whose values differ, each as {@code "name (before → after)"}, in component order.
     */
    public static List<String> differences(final Record before, final Record after) {
        final Map<String, String> was = settings(before);
        final List<String> changed = new ArrayList<>();
        settings(after).forEach((name, value) -> {
            if (!value.equals(was.get(name))) {
                changed.add(name + " (" + was.get(name) + " → " + value + ")");
            }
        });
        return changed;
    }

    /**
     * Checks one setting's value against its field's type, alone (the record's own validation runs when the whole
     * record is read).
     *
     * @param type   the record class.
     * @param name   the setting's name, {@code outer.inner} for nested records.
     * @param text   the value.
     * @param source a name for messages.
     * @return whether the record has a setting of that name.
     * @throws IllegalArgumentException naming the setting when the value is not of its type.
     */
    public static boolean checkValue(final Class<? extends Record> type, final String name, final String text,
        final String source) {
        Class<?> current = type;
        final String[] parts = name.split("\\.", -1);
        for (int p = 0; p < parts.length; p++) {
            RecordComponent found = null;
            for (final RecordComponent component : current.getRecordComponents()) {
                if (component.getName().equals(parts[p])) {
                    found = component;
                }
            }
            if (found == null || found.getType().isRecord() == (p == parts.length - 1)) {
                return false;
            }
            current = found.getType();
        }
        parse(current, text, name, source);
        return true;
    }

    /**
     * @param value a configuration record.
     * @return its settings by name, as {@link #write} prints them, in component order.
     */
    static Map<String, String> settings(final Record value) {
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final String line : write(value).split("\n")) {
            final int equals = line.indexOf('=');
            settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return settings;
    }

    private static void write(final Record value, final String prefix, final StringBuilder text) {
        for (final RecordComponent component : value.getClass().getRecordComponents()) {
            final Object field = get(component, value);
            final String name = prefix + component.getName();
            if (field instanceof Record nested) {
                write(nested, name + ".", text);
            } else {
                text.append(name).append(" = ").append(format(field)).append('\n');
            }
        }
    }

    private static String format(final Object field) {
        return switch (field) {
            case int[] ints -> String.join(",", Arrays.stream(ints).mapToObj(Integer::toString).toList());
            case Double d -> Double.toString(d);
            case Enum<?> e -> e.name().toLowerCase(Locale.ROOT);
            default -> String.valueOf(field);
        };
    }

    private static <R> R read(final Class<R> type, final String prefix, final Map<String, String> values,
        final String source) {
        final RecordComponent[] components = type.getRecordComponents();
        final Object[] arguments = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        for (int c = 0; c < components.length; c++) {
            final String name = prefix + components[c].getName();
            final Class<?> fieldType = components[c].getType();
            types[c] = fieldType;
            if (fieldType.isRecord()) {
                arguments[c] = read(fieldType, name + ".", values, source);
                continue;
            }
            final String text = values.remove(name);
            if (text == null) {
                throw new IllegalArgumentException(source + ": setting '" + name + "' is missing");
            }
            arguments[c] = parse(fieldType, text, name, source);
        }
        try {
            final Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(arguments);
        } catch (final InvocationTargetException e) {
            throw new IllegalArgumentException(source + ": " + e.getCause().getMessage(), e.getCause());
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object parse(final Class<?> type, final String text, final String name, final String source) {
        try {
            if (type == boolean.class) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return Boolean.parseBoolean(text);
            } else if (type == int.class) {
                return Integer.parseInt(text);
            } else if (type == long.class) {
                return Long.parseLong(text);
            } else if (type == double.class) {
                return Double.parseDouble(text);
            } else if (type == String.class) {
                return text;
            } else if (type == int[].class) {
                final List<Integer> ints = new ArrayList<>();
                for (final String part : text.split(",")) {
                    ints.add(Integer.parseInt(part.strip()));
                }
                return ints.stream().mapToInt(Integer::intValue).toArray();
            } else if (type.isEnum()) {
                for (final Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("expected one of " + Arrays.toString(type.getEnumConstants()));
            }
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": setting '" + name + "' = '" + text + "' is not a valid "
                + type.getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
        throw new IllegalStateException("unsupported configuration field type " + type + " of " + name);
    }

    private static Object get(final RecordComponent component, final Record value) {
        try {
            return component.getAccessor().invoke(value);
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
