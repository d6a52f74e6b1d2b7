package dev.sparring.hal.mujoco;

import com.sun.jna.Pointer;

/**
 * The native error guard ({@code src/main/c/mujoco_guard.c}, built with the binding): MuJoCo calls that can reach
 * {@code mju_error}, run under a thread-local handler that jumps back out, so they return a status code
 * ({@link StepResult#ofCode}) instead of running on past an error or exiting the process. Direct-mapped, pointers as
 * {@code long}: a step allocates nothing.
 */
final class MujocoGuard {
    /** The guard's resource path, beside the generated layout. */
    static final String RESOURCE = "/dev/sparring/hal/mujoco/libsparring_mujoco_guard.so";

    private MujocoGuard() {
    }

    static native int sparring_step(long model, long data, int steps);

    static native int sparring_forward(long model, long data);

    static native long sparring_make_data(long model);

    static native Pointer sparring_error_text();

    static native Pointer sparring_warning_text();
}
