package dev.sparring.bridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The host build of the reference firmware ({@code firmware-bridge/firmware/host}) as a child process on the slave
 * side of a pseudo-terminal the test holds the master of. Tests wait for its boot HELLO_REPLY on the wire (the
 * bridge's handshake), never for time to pass. Shared with the hardware-in-the-loop tests through this module's test
 * jar.
 */
public final class HostFirmware implements AutoCloseable {
    private final Process process;
    private final Path output;

    private HostFirmware(final Process process, final Path output) {
        this.process = process;
        this.output = output;
    }

    /** @return the firmware binary built by {@code firmware-bridge/firmware/build.sh} (system property
     *          {@code sparring.firmware.dir}, which both modules' test runs set). */
    public static Path binary() {
        return Path.of(System.getProperty("sparring.firmware.dir", "target/firmware"))
            .resolve("host/sparring-firmware");
    }

    /** Skips the test, saying what to install, when the build could not make the host firmware. */
    public static void assumeBuilt() {
        Assumptions.assumeTrue(Files.isExecutable(binary()), "no host firmware at " + binary() + ": the build makes "
            + "it with gcc and make (apt-get install gcc make)");
    }

    /**
     * Starts the firmware on a terminal device.
     *
     * @param tty     the device (a pseudo-terminal's slave path).
     * @param output  where its standard output and error go.
     * @param options more options ({@code --plant cartpole}, {@code --boot-count 2}, ...).
     * @return the running firmware.
     * @throws IOException when it cannot be started.
     */
    public static HostFirmware start(final String tty, final Path output, final String... options)
        throws IOException {
        return new HostFirmware(launch(binary(), tty, ProcessBuilder.Redirect.appendTo(output.toFile()), options),
            output);
    }

    /**
     * Starts the firmware on a terminal device, its output discarded.
     *
     * @param tty     the device.
     * @param options more options.
     * @return the running firmware.
     * @throws IOException when it cannot be started.
     */
    public static HostFirmware start(final String tty, final String... options) throws IOException {
        return new HostFirmware(launch(binary(), tty, ProcessBuilder.Redirect.DISCARD, options), null);
    }

    /**
     * Starts the build of the firmware that speaks bridge protocol 2 (built beside the other for the test).
     *
     * @param tty    the device.
     * @param output where its output goes.
     * @return the running firmware.
     * @throws IOException when it cannot be started.
     */
    public static HostFirmware startProtocol2(final String tty, final Path output) throws IOException {
        return new HostFirmware(launch(binary().resolveSibling("sparring-firmware-protocol2"), tty,
            ProcessBuilder.Redirect.appendTo(output.toFile())), output);
    }

    private static Process launch(final Path binary, final String tty, final ProcessBuilder.Redirect output,
        final String... options) throws IOException {
        final List<String> command = new ArrayList<>(List.of(binary.toString(), "--tty", tty));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    }

    /** @return the process. */
    public Process process() {
        return process;
    }

    /**
     * Asks the firmware to stop (SIGTERM) and waits for it.
     *
     * @return its exit code.
     * @throws InterruptedException when interrupted while waiting.
     */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the firmware did not exit within 10 s of SIGTERM; its output: " + output());
        }
        return process.exitValue();
    }

    /**
     * Kills the firmware (SIGKILL: a power cut, as far as the link can tell) and waits for it to be gone.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** @return what the firmware printed so far. */
    public String output() {
        if (output == null) {
            return "(output not kept)";
        }
        try {
            return Files.readString(output);
        } catch (final IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
