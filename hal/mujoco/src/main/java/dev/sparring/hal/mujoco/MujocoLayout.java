package dev.sparring.hal.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Offsets of the {@code mjModel}/{@code mjData} fields the binding uses, the enum values it passes and the header
 * version they were read from, as {@code src/main/c/mujoco_layout.c} printed them when the build compiled it against
 * the installed headers. Nothing here is written by hand: a field the resource lacks makes MuJoCo unavailable.
 */
final class MujocoLayout {
    /** The resource build-native.sh writes, beside this class. */
    static final String RESOURCE = "mujoco-layout.properties";
    private static final String REBUILD = "rebuild hal/mujoco on a machine with gcc and libmujoco-dev";

    private final int headerVersion;
    private final long[] modelOffsets = new long[ModelField.values().length];
    private final long[] dataOffsets = new long[DataField.values().length];
    private final int[] objectTypes = new int[MujocoObject.values().length];
    private final int[] constants = new int[MujocoConstant.values().length];
    private final int[] warningIndices = new int[MujocoWarning.values().length];
    private final int warningStatBytes;
    private final int warningNumberOffset;

    private MujocoLayout(final Properties layout) {
        final String unavailable = layout.getProperty("unavailable");
        if (unavailable != null) {
            throw new MujocoUnavailableException(unavailable);
        }
        headerVersion = integer(layout, "version");
        requireSize(layout, "sizeof.mjtNum", Double.BYTES, "MuJoCo built with single-precision mjtNum");
        requireSize(layout, "sizeof.int", Integer.BYTES, "a C int that is not 4 bytes");
        requireSize(layout, "sizeof.pointer", Long.BYTES, "a platform whose pointers are not 8 bytes");
        for (final ModelField field : ModelField.values()) {
            modelOffsets[field.ordinal()] = integer(layout, "mjModel." + field.cName());
        }
        for (final DataField field : DataField.values()) {
            dataOffsets[field.ordinal()] = integer(layout, "mjData." + field.cName());
        }
        for (final MujocoObject type : MujocoObject.values()) {
            objectTypes[type.ordinal()] = integer(layout, type.cName());
        }
        for (final MujocoConstant constant : MujocoConstant.values()) {
            constants[constant.ordinal()] = integer(layout, constant.cName());
        }
        final int warningCount = integer(layout, "mjNWARNING");
        for (final MujocoWarning warning : MujocoWarning.values()) {
            final int index = integer(layout, warning.cName());
            if (index < 0 || index >= warningCount) {
                throw new MujocoUnavailableException(warning.cName() + " = " + index + " is outside mjNWARNING = "
                    + warningCount + " in " + RESOURCE + ": " + REBUILD);
            }
            warningIndices[warning.ordinal()] = index;
        }
        warningStatBytes = integer(layout, "sizeof.mjWarningStat");
        warningNumberOffset = integer(layout, "mjWarningStat.number");
    }

    /**
     * @return the layout the build generated beside this class.
     * @throws MujocoUnavailableException when the build could not generate it, saying why.
     */
    static MujocoLayout fromResource() {
        try (InputStream in = MujocoLayout.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new MujocoUnavailableException("the build did not generate " + RESOURCE
                    + " (src/main/c/build-native.sh runs on Unix build machines): " + REBUILD);
            }
            final Properties layout = new Properties();
            layout.load(in);
            return parse(layout);
        } catch (final IOException e) {
            throw new MujocoUnavailableException("cannot read " + RESOURCE + ": " + e.getMessage());
        }
    }

    /**
     * @param layout the properties mujoco_layout.c prints, or {@code unavailable=<why>}.
     * @return the layout.
     * @throws MujocoUnavailableException when the properties say MuJoCo is unavailable or lack a field.
     */
    static MujocoLayout parse(final Properties layout) {
        return new MujocoLayout(layout);
    }

    /**
     * @return {@code mjVERSION_HEADER} of the headers the offsets were read from, e.g. 222 for 2.2.2.
     */
    int headerVersion() {
        return headerVersion;
    }

    long offset(final ModelField field) {
        return modelOffsets[field.ordinal()];
    }

    long offset(final DataField field) {
        return dataOffsets[field.ordinal()];
    }

    int code(final MujocoObject type) {
        return objectTypes[type.ordinal()];
    }

    int value(final MujocoConstant constant) {
        return constants[constant.ordinal()];
    }

    /**
     * @param warning a warning.
     * @return the offset in {@code mjData} of that warning's {@code number} counter (an int).
     */
    long warningCountOffset(final MujocoWarning warning) {
        return offset(DataField.WARNING) + (long) warningIndices[warning.ordinal()] * warningStatBytes
            + warningNumberOffset;
    }

    private static void requireSize(final Properties layout, final String key, final int expected,
                                    final String what) {
        final int size = integer(layout, key);
        if (size != expected) {
            throw new MujocoUnavailableException(key + " = " + size + ", the binding expects " + expected + " ("
                + what + " is not supported)");
        }
    }

    private static int integer(final Properties layout, final String key) {
        final String value = layout.getProperty(key);
        if (value == null) {
            throw new MujocoUnavailableException(RESOURCE + " has no '" + key + "': " + REBUILD);
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (final NumberFormatException e) {
            throw new MujocoUnavailableException(RESOURCE + " has '" + key + "' = '" + value
                + "', not an integer: " + REBUILD);
        }
    }
}
