package dev.sparring.controller.cli;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.ChildJvm;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.RecordType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sparring run} in a child JVM, ended by a signal as a robot's run usually ends: the child reports that it
 * runs (its "running" line comes once the loop has started and the episode has begun), gets SIGTERM or SIGINT, and
 * must stop in order: safe command written, robot deactivated, the log closed with an episode end marked truncated,
 * the summary printed, and the exit status of the signal.
 */
@Tag("slow")
class RunSignalTest {
    private static final String SAFE_STOP_LINE =
        "final command    safe command written, robot deactivated: slider effort 0.000";

    @TempDir
    Path directory;

    private Process child;

    /** A test that failed or timed out leaves no child running for the rest of its 600 s. */
    @AfterEach
    void endTheChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldStopSafelyAndCloseTheLogOnSigterm() throws Exception {
        final Path log = directory.resolve("log");
        child = startRun(log);
        // Process.destroy() would send SIGTERM too, but it also closes the child's output, which the test still reads.
        final String output = awaitRunningThen(child, process -> process.toHandle().destroy());
        assertEquals(143, child.exitValue(), "exit status of SIGTERM (128 + 15):\n" + output);
        assertStoppedInOrder(output, log);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldStopSafelyAndCloseTheLogOnSigint() throws Exception {
        final Path log = directory.resolve("log");
        child = startRun(log);
        final String output = awaitRunningThen(child, process -> {
            try {
                final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
                assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT failed");
            } catch (final IOException | InterruptedException e) {
                throw new AssertionError("could not send SIGINT", e);
            }
        });
        assertEquals(130, child.exitValue(), "exit status of SIGINT (128 + 2):\n" + output);
        assertStoppedInOrder(output, log);
    }

    /**
     * Starts the child with SIGINT and SIGTERM at their default dispositions: a test run from a background job (CI,
     * {@code nohup ... &}) inherits SIGINT ignored, and a JVM started so installs no handler for it, as a shell's
     * background job should not stop on Ctrl-C. A robot's run starts from a terminal or a service manager.
     */
    private Process startRun(final Path log) throws IOException {
        final List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        command.addAll(ChildJvm.command(SparringCli.class, "run", "--robot",
            CartPoleRig.ROOT.resolve("robots/cartpole.yaml").toString(), "--duration", "600", "--log", log.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the child's output up to its "running" line, signals it, then reads the rest until it exits. */
    private static String awaitRunningThen(final Process child, final Consumer<Process> signal)
        throws IOException, InterruptedException {
        final StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("running cartpole")) {
                    break;
                }
            }
            assertNotNull(line, "the child ended before it reported running:\n" + output);
            signal.accept(child);
            output.append(reader.lines().collect(Collectors.joining("\n")));
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit after the signal:\n" + output);
        return output.toString();
    }

    private static void assertStoppedInOrder(final String output, final Path log) {
        assertTrue(output.contains("stopped          by a signal"), output);
        assertTrue(output.matches("(?s).*ticks\\s+\\d+.*faults\\s+0.*"), "the summary is printed:\n" + output);
        assertTrue(output.contains(SAFE_STOP_LINE), "the last command written is the safe command:\n" + output);
        assertTrue(output.matches("(?s).*experience log\\s+[1-9]\\d* records written to .*, 0 dropped.*"), output);
        final RecordType[] lastType = new RecordType[1];
        final int[] lastFlags = new int[1];
        try (ExperienceLogReader reader = ExperienceLogReader.open(log, Throwable::printStackTrace)) {
            while (reader.poll(record -> {
                lastType[0] = record.type();
                lastFlags[0] = record.flags();
            }, 1024) > 0) {
                assertFalse(reader.isDamaged(), "log damaged");
            }
        }
        assertEquals(RecordType.EPISODE_END, lastType[0], "the log ends with the episode's end");
        assertEquals(ExperienceRecordFlyweight.FLAG_TRUNCATED, lastFlags[0] & ExperienceRecordFlyweight.FLAG_TRUNCATED,
            "a run cut by a signal truncates its episode");
    }
}
