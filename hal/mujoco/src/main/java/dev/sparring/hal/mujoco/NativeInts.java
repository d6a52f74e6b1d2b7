package dev.sparring.hal.mujoco;

import com.sun.jna.Pointer;

import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * A read-only view of one of MuJoCo's {@code int} arrays of model structure ({@code jnt_qposadr},
 * {@code sensor_adr}, ...): addresses and ids MuJoCo indexes memory with, so they are never written from Java. Every
 * access checks the owner is open and the index in bounds; none allocates.
 */
public final class NativeInts {
    private final NativeHandle owner;
    private final String name;
    private final IntBuffer values;

    /**
     * @param owner   the model the array lives in.
     * @param name    MuJoCo's name of the array, for messages.
     * @param address the array's first element; may be 0 when the array is empty.
     * @param length  elements.
     */
    NativeInts(final NativeHandle owner, final String name, final long address, final int length) {
        this.owner = owner;
        this.name = name;
        this.values = length == 0 ? IntBuffer.allocate(0)
            : new Pointer(address).getByteBuffer(0, (long) length * Integer.BYTES).order(ByteOrder.nativeOrder())
                .asIntBuffer();
    }

    /**
     * @return MuJoCo's name of the array, e.g. {@code "jnt_qposadr"}.
     */
    public String name() {
        return name;
    }

    /**
     * @return elements.
     */
    public int length() {
        return values.capacity();
    }

    /**
     * @param index 0..length-1.
     * @return the element.
     */
    public int get(final int index) {
        owner.checkOpen();
        return values.get(index);
    }

    @Override
    public String toString() {
        return name + " (" + length() + ") of " + owner;
    }
}
