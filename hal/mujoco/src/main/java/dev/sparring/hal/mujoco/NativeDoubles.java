package dev.sparring.hal.mujoco;

import com.sun.jna.Pointer;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * A view of one of MuJoCo's {@code mjtNum} arrays ({@code qpos}, {@code body_mass}, ...), read and written in place,
 * as a matrix of {@link #rows()} × {@link #columns()} stored row by row (MuJoCo's layout: {@code body_inertia} is
 * nbody × 3). Every access checks the owner is open and the index in bounds; none allocates.
 */
public final class NativeDoubles {
    private final NativeHandle owner;
    private final String name;
    private final DoubleBuffer values;
    private final int rows;
    private final int columns;

    /**
     * @param owner   the model or data the array lives in.
     * @param name    MuJoCo's name of the array, for messages.
     * @param address the array's first element; may be 0 when the array is empty.
     * @param rows    rows.
     * @param columns columns.
     */
    NativeDoubles(final NativeHandle owner, final String name, final long address, final int rows,
                  final int columns) {
        this.owner = owner;
        this.name = name;
        this.rows = rows;
        this.columns = columns;
        final int length = rows * columns;
        this.values = length == 0 ? DoubleBuffer.allocate(0)
            : new Pointer(address).getByteBuffer(0, (long) length * Double.BYTES).order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
    }

    /**
     * @return MuJoCo's name of the array, e.g. {@code "body_mass"}.
     */
    public String name() {
        return name;
    }

    /**
     * @return rows × columns.
     */
    public int length() {
        return values.capacity();
    }

    /**
     * @return rows (e.g. bodies for {@code body_inertia}).
     */
    public int rows() {
        return rows;
    }

    /**
     * @return columns (e.g. 3 for {@code body_inertia}).
     */
    public int columns() {
        return columns;
    }

    /**
     * @param index 0..length-1.
     * @return the element.
     */
    public double get(final int index) {
        owner.checkOpen();
        return values.get(index);
    }

    /**
     * @param row    0..rows-1.
     * @param column 0..columns-1.
     * @return the element.
     */
    public double get(final int row, final int column) {
        return get(index(row, column));
    }

    /**
     * @param index 0..length-1.
     * @param value the new value.
     */
    public void set(final int index, final double value) {
        owner.checkOpen();
        values.put(index, value);
    }

    /**
     * @param row    0..rows-1.
     * @param column 0..columns-1.
     * @param value  the new value.
     */
    public void set(final int row, final int column, final double value) {
        set(index(row, column), value);
    }

    /**
     * Copies elements out.
     *
     * @param from   first element to copy.
     * @param target where to copy to.
     * @param offset first index in {@code target}.
     * @param count  how many.
     */
    public void copyTo(final int from, final double[] target, final int offset, final int count) {
        owner.checkOpen();
        values.get(from, target, offset, count);
    }

    /**
     * Copies elements in.
     *
     * @param source where to copy from.
     * @param offset first index in {@code source}.
     * @param to     first element to write.
     * @param count  how many.
     */
    public void copyFrom(final double[] source, final int offset, final int to, final int count) {
        owner.checkOpen();
        values.put(to, source, offset, count);
    }

    /**
     * @return a copy of every element (allocates: for set-up and tests).
     */
    public double[] toArray() {
        final double[] copy = new double[length()];
        copyTo(0, copy, 0, copy.length);
        return copy;
    }

    private int index(final int row, final int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException(name + "[" + row + "][" + column + "] is outside " + rows + " × "
                + columns);
        }
        return row * columns + column;
    }

    @Override
    public String toString() {
        return name + " (" + rows + " × " + columns + ") of " + owner;
    }
}
