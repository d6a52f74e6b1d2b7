package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The global handlers, the backstop for MuJoCo errors and warnings raised outside the guard: called here directly,
 * as nothing in the binding reaches them. MuJoCo's defaults would exit the process and write MUJOCO_LOG.TXT.
 */
@ExtendWith(RequiresMujoco.class)
class MujocoErrorHandlerTest {
    /** MuJoCo's error and warning entry points, bound for this test only. */
    interface MujocoErrors extends Library {
        void mju_error(String message);

        void mju_warning(String message);
    }

    private static MujocoErrors errors;

    @BeforeAll
    static void mujoco() {
        errors = Native.load(System.getProperty(Mujoco.LIBRARY_PROPERTY, Mujoco.DEFAULT_LIBRARY), MujocoErrors.class);
    }

    @Test
    void shouldRecordAnUnguardedErrorAndKeepTheProcessAlive() {
        final boolean logBefore = Files.exists(Path.of("MUJOCO_LOG.TXT"));

        errors.mju_error("test error outside the guard");

        assertEquals("error: test error outside the guard", Mujoco.lastUnguardedMessage());
        assertEquals(logBefore, Files.exists(Path.of("MUJOCO_LOG.TXT")), "MuJoCo's default handler writes the log");
    }

    @Test
    void shouldRecordAnUnguardedWarningWithoutWritingMujocosLog() {
        final boolean logBefore = Files.exists(Path.of("MUJOCO_LOG.TXT"));

        errors.mju_warning("test warning outside the guard");

        assertEquals("warning: test warning outside the guard", Mujoco.lastUnguardedMessage());
        assertFalse(!logBefore && Files.exists(Path.of("MUJOCO_LOG.TXT")), "MuJoCo's default handler writes the log");
    }
}
