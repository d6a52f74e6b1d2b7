package dev.sparring.hal.mujoco;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import java.io.File;
import java.io.IOException;
import java.util.Map;

/**
 * Whether MuJoCo can be used in this process, and its one-time set-up: the first use reads the layout the build
 * generated, opens libmujoco (the system property {@value #LIBRARY_PROPERTY} names another library or path), refuses
 * a library whose {@code mj_version()} differs from the headers the layout was read from, binds the functions and
 * installs handlers for MuJoCo's errors and warnings.
 * <p>
 * MuJoCo's default error handler prints and exits the process, and its warning handler writes
 * {@code MUJOCO_LOG.TXT} into the working directory. The binding runs every call that can reach {@code mju_error}
 * under the native guard ({@link MujocoGuard}), whose thread-local handlers take precedence; the global
 * {@code mju_user_error}/{@code mju_user_warning} handlers installed here are the backstop for anything else: they
 * record the message ({@link #lastUnguardedMessage()}) and return, so the process is never exited.
 */
public final class Mujoco {
    /** System property naming the MuJoCo library: a name ({@code mujoco}, the default) or a path. */
    public static final String LIBRARY_PROPERTY = "sparring.mujoco.library";
    /** The library name used when {@value #LIBRARY_PROPERTY} is not set. */
    public static final String DEFAULT_LIBRARY = "mujoco";
    /** What to install, for messages. */
    static final String INSTALL = "install libmujoco2.2.2 and libmujoco-dev "
        + "(apt-get install libmujoco2.2.2 libmujoco-dev)";
    /** dlopen flags (Linux): resolve every symbol now, and make libmujoco's visible to the guard. */
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;

    private static volatile String lastUnguardedMessage = "";

    private Mujoco() {
    }

    /**
     * @return whether MuJoCo loaded and passed its version check (loads it on first call).
     */
    public static boolean isAvailable() {
        return State.REASON == null;
    }

    /**
     * @return why MuJoCo is unavailable, with what to install; empty when it is available.
     */
    public static String unavailableReason() {
        return State.REASON == null ? "" : MujocoUnavailableException.message(State.REASON);
    }

    /**
     * @return the loaded library's {@code mj_version()} (checked equal to the headers' at load), e.g. 222 for 2.2.2.
     * @throws MujocoUnavailableException when MuJoCo is unavailable.
     */
    public static int version() {
        return layout().headerVersion();
    }

    /**
     * @return the layout of the loaded library's structs.
     * @throws MujocoUnavailableException when MuJoCo is unavailable.
     */
    static MujocoLayout layout() {
        if (State.REASON != null) {
            throw new MujocoUnavailableException(State.REASON);
        }
        return State.LAYOUT;
    }

    /**
     * @return the last message MuJoCo's global error or warning handler received outside the guard, prefixed with
     *     {@code "error: "} or {@code "warning: "}; empty when none did.
     */
    static String lastUnguardedMessage() {
        return lastUnguardedMessage;
    }

    /**
     * Opens a MuJoCo library and checks its version against a layout, without binding anything.
     *
     * @param library a library name or path.
     * @param layout  the layout the binding would use.
     * @return the opened library.
     * @throws MujocoUnavailableException when it cannot be opened or its version differs, saying what to install.
     */
    static NativeLibrary open(final String library, final MujocoLayout layout) {
        final NativeLibrary opened;
        try {
            opened = NativeLibrary.getInstance(library, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
        } catch (final UnsatisfiedLinkError e) {
            throw new MujocoUnavailableException("cannot load the MuJoCo library '" + library + "' ("
                + firstLines(e.getMessage()) + "): " + INSTALL + ", or set -D" + LIBRARY_PROPERTY + " to its path");
        }
        final int version;
        try {
            version = opened.getFunction("mj_version").invokeInt(new Object[0]);
        } catch (final UnsatisfiedLinkError e) {
            throw new MujocoUnavailableException(opened.getFile() + " has no mj_version(); it is not MuJoCo: "
                + INSTALL);
        }
        if (version != layout.headerVersion()) {
            throw new MujocoUnavailableException(opened.getFile() + " is MuJoCo " + dotted(version)
                + " (mj_version() = " + version + "), but this build read the struct layout from the headers of "
                + dotted(layout.headerVersion()) + ": " + INSTALL + ", or rebuild hal/mujoco against the headers of "
                + "the installed library");
        }
        return opened;
    }

    private static String dotted(final int version) {
        return (version / 100) + "." + (version / 10 % 10) + "." + (version % 10);
    }

    /** JNA's load errors put dlopen's reason on the line after "Unable to load library 'x':". */
    private static String firstLines(final String message) {
        if (message == null) {
            return "no reason given";
        }
        final String[] lines = message.strip().split("\n");
        return lines.length == 1 ? lines[0] : lines[0] + " " + lines[1].strip();
    }

    /** MuJoCo's {@code void (*)(const char*)} handler type. */
    interface MessageHandler extends Callback {
        /**
         * @param message MuJoCo's text.
         */
        void invoke(String message);
    }

    /** The one-time set-up, run on first use (class initialisation makes it happen once). */
    private static final class State {
        static final MujocoLayout LAYOUT;
        /** Why MuJoCo is unavailable; null when it is available. */
        static final String REASON;
        /** Strong references: MuJoCo keeps only the function pointers. */
        static final MessageHandler ERROR_HANDLER = message -> lastUnguardedMessage = "error: " + message;
        static final MessageHandler WARNING_HANDLER = message -> lastUnguardedMessage = "warning: " + message;

        static {
            MujocoLayout layout = null;
            String reason = null;
            try {
                layout = MujocoLayout.fromResource();
                bind(open(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY), layout));
            } catch (final MujocoUnavailableException e) {
                reason = e.reason();
            }
            LAYOUT = layout;
            REASON = reason;
        }

        private State() {
        }

        private static void bind(final NativeLibrary mujoco) {
            try {
                Native.register(MujocoNative.class, mujoco);
                final File guard = Native.extractFromResourcePath(MujocoGuard.RESOURCE, Mujoco.class.getClassLoader());
                Native.register(MujocoGuard.class, NativeLibrary.getInstance(guard.getAbsolutePath(),
                    Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW)));
            } catch (final IOException | UnsatisfiedLinkError e) {
                throw new MujocoUnavailableException("cannot bind " + mujoco.getFile() + " or the binding's guard "
                    + MujocoGuard.RESOURCE + " (" + firstLines(e.getMessage()) + "): " + INSTALL
                    + ", then rebuild hal/mujoco");
            }
            install(mujoco, "mju_user_error", ERROR_HANDLER);
            install(mujoco, "mju_user_warning", WARNING_HANDLER);
        }

        private static void install(final NativeLibrary mujoco, final String variable, final MessageHandler handler) {
            mujoco.getGlobalVariableAddress(variable).setPointer(0, CallbackReference.getFunctionPointer(handler));
        }
    }
}
