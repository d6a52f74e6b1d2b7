package dev.sparring.hal.mujoco;

import com.sun.jna.Pointer;

/**
 * libmujoco's functions the binding calls directly, through JNA's direct mapping (a JNI stub per method, no argument
 * arrays or reflection per call). Pointers to {@code mjModel}/{@code mjData} travel as {@code long} addresses, so a
 * call allocates nothing. Registered by {@link Mujoco} once the library's version has been checked; the calls that can
 * reach {@code mju_error} go through {@link MujocoGuard} instead.
 */
final class MujocoNative {
    private MujocoNative() {
    }

    static native long mj_loadXML(String filename, Pointer vfs, Pointer error, int errorSize);

    static native void mj_deleteModel(long model);

    static native void mj_deleteData(long data);

    static native void mj_resetData(long model, long data);

    static native int mj_name2id(long model, int type, String name);

    static native String mj_id2name(long model, int type, int id);
}
