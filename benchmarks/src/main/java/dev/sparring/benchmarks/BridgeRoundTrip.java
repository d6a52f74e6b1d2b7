package dev.sparring.benchmarks;

import dev.sparring.bridge.backend.BridgeConfig;
import dev.sparring.bridge.backend.BridgeRobotSystem;
import dev.sparring.bridge.backend.PortOpener;
import dev.sparring.bridge.link.LinkCounters;
import dev.sparring.bridge.serial.PseudoTerminal;
import dev.sparring.bridge.serial.SerialPort;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.config.RobotDescription;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.SystemNanoClock;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sparring bench bridge}: the firmware link's command → state round trip over a pseudo-terminal, per loop
 * rate. For each rate a fresh firmware (the host build, or the STM32 build under QEMU) is started on a pseudo-terminal
 * this process opens, the bridge robot system is configured and activated over it, and a fixed-rate loop on absolute
 * deadlines reads and writes as the controller's tick does for the given time, then sleeps in poll(2) on the port
 * until the command's STATE is in (so that the round trip is timed when it arrives, not at the next tick's read). Reported:
 * ticks, ticks started more than a period late (missed), the round trip (a COMMAND's send to the STATE that
 * acknowledges it), the control thread's time in read + write, link errors and commands never acknowledged. The highest rate with no miss, no link error and
 * every command acknowledged is the rate the link sustains on this machine.
 */
@Command(name = "bench bridge", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Command → state round trip over the firmware bridge on a pseudo-terminal, per loop rate.")
public final class BridgeRoundTrip implements Callable<Integer> {
    private static final long SPIN_NS = 50_000L;

    @Option(names = "--rates", paramLabel = "<Hz>", split = ",", defaultValue = "1000,2000,5000,10000",
        description = "Loop rates in Hz (default ${DEFAULT-VALUE}).")
    private List<Integer> rates;

    @Option(names = "--seconds", paramLabel = "<seconds>",
        defaultValue = "5", description = "Seconds per rate (default ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--firmware", paramLabel = "<binary>",
        defaultValue = "host", description = "host (the host build, simulated motors) or "
        + "stm32 (the STM32F405 build under qemu-system-arm; rates of 100 Hz or so) (default ${DEFAULT-VALUE}).")
    private String firmware;

    @Option(names = "--joints", paramLabel = "<count>",
        defaultValue = "2", description = "Joints per command and state (default "
        + "${DEFAULT-VALUE}; the STM32 build simulates a 2-joint cart-pole).")
    private int joints;

    @Option(names = "--firmware-fifo", paramLabel = "<priority>",
        defaultValue = "0", description = "Run the host firmware under chrt at this "
        + "SCHED_FIFO priority, pinned to CPU 0, as a microcontroller has its core to itself (needs CAP_SYS_NICE; "
        + "default 0: an ordinary process).")
    private int fifoPriority;

    /**
     * @param args the options.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new BridgeRoundTrip()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = new PrintWriter(System.out, true);
        final Path home = Path.of(System.getProperty("sparring.home", "."));
        final boolean stm32 = "stm32".equals(firmware);
        if (!stm32 && !"host".equals(firmware)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--firmware must be host or stm32, was "
                + firmware);
        }
        final Path binary = home.resolve(stm32 ? "firmware-bridge/target/firmware/stm32/sparring-firmware.elf"
            : "firmware-bridge/target/firmware/host/sparring-firmware");
        if (!Files.exists(binary)) {
            out.println("no firmware at " + binary + ": build it with ./mvnw -o -q -pl firmware-bridge "
                + "process-test-resources (needs gcc" + (stm32 ? ", gcc-arm-none-eabi and qemu-system-arm" : "")
                + ")");
            return 2;
        }
        out.printf(Locale.ROOT, "bridge round trip: %s firmware%s, %d joints, %.1f s per rate, %s%n", firmware,
            fifoPriority > 0 ? " at SCHED_FIFO " + fifoPriority + " on CPU 0" : "", joints, seconds,
            System.getProperty("os.arch"));
        out.println("| rate (Hz) | ticks | missed | round trip p50 / p99 / p99.9 / max (µs) | read + write p50 / p99 "
            + "(µs) | link errors | unacknowledged |");
        out.println("|---|---|---|---|---|---|---|");
        for (final int rate : rates) {
            out.println(measure(binary, stm32, home, rate));
        }
        return 0;
    }

    private String measure(final Path binary, final boolean stm32, final Path home, final int rate) throws Exception {
        final long periodNs = 1_000_000_000L / rate;
        final RobotDescription description = RobotDescription.parse("bench bridge", home, robot(stm32));
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            final List<String> command = new ArrayList<>();
            if (stm32) {
                command.addAll(List.of("sh", home.resolve("firmware-bridge/firmware/stm32/run-qemu.sh").toString(),
                    binary.toString(), pty.slavePath()));
            } else {
                if (fifoPriority > 0) {
                    command.addAll(List.of("taskset", "-c", "0", "chrt", "--fifo", Integer.toString(fifoPriority)));
                }
                command.addAll(List.of(binary.toString(), "--tty", pty.slavePath(), "--plant", "motors", "--joints",
                    Integer.toString(joints)));
            }
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (BridgeRobotSystem robot = new BridgeRobotSystem(description.spec(), BridgeConfig.from(description),
                PortOpener.of(pty.master()), SystemNanoClock.INSTANCE)) {
                if (robot.configure() != ReturnCode.OK || robot.activate() != ReturnCode.OK) {
                    return "| " + rate + " | firmware refused: " + robot.statusMessage() + " |";
                }
                pty.releaseSlave();
                return loop(robot, pty.master(), rate, periodNs, description);
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private String loop(final BridgeRobotSystem robot, final SerialPort port, final int rate, final long periodNs,
        final RobotDescription description) {
        final RobotState state = new RobotState(description.spec());
        final RobotCommand command = RobotCommand.effort(description.spec());
        final Histogram io = new Histogram(10_000_000_000L, 3);
        final long ticks = Math.round(seconds * rate);
        long missed = 0;
        long errors = 0;
        String firstError = "";
        long deadlineNs = System.nanoTime() + periodNs;
        for (long i = 0; i < ticks; i++) {
            final long untilNs = deadlineNs - SPIN_NS - System.nanoTime();
            if (untilNs > 0) {
                LockSupport.parkNanos(untilNs);
            }
            while (System.nanoTime() - deadlineNs < 0) {
                Thread.onSpinWait();
            }
            final long startNs = System.nanoTime();
            if (startNs - deadlineNs > periodNs) {
                final long late = (startNs - deadlineNs) / periodNs;
                missed += late;
                deadlineNs += late * periodNs;
            }
            command.values()[0] = (i & 1) == 0 ? 0.05 : -0.05;
            if (robot.read(startNs, state) != ReturnCode.OK || robot.write(command) != ReturnCode.OK) {
                if (errors++ == 0) {
                    firstError = robot.statusMessage();
                }
                if (robot.lifecycleState() == LifecycleState.INACTIVE) {
                    robot.activate();
                }
            }
            io.recordValue(Math.max(1, System.nanoTime() - startNs));
            deadlineNs += periodNs;
            // the round trip: sleep in poll(2) on the port until the command's STATE is in (it wakes the thread as
            // the bytes arrive), or the next tick is near; sleeping, not spinning, leaves the CPU to the firmware and
            // to the kernel worker that moves bytes through a pseudo-terminal
            final long acknowledged = robot.link().counters().commandsAcknowledged();
            while (robot.link().counters().commandsAcknowledged() == acknowledged
                && deadlineNs - SPIN_NS - System.nanoTime() > 0 && port.await(1) >= 0 && robot.link().poll() >= 0) {
                Thread.onSpinWait();
            }
        }
        final LinkCounters c = robot.link().counters();
        final Histogram rtt = robot.link().roundTrips();
        return String.format(Locale.ROOT, "| %d | %d | %d | %.0f / %.0f / %.0f / %.0f | %.1f / %.1f | %d | %d%s |",
            rate, ticks, missed, rtt.getValueAtPercentile(50) / 1e3, rtt.getValueAtPercentile(99) / 1e3,
            rtt.getValueAtPercentile(99.9) / 1e3, rtt.getMaxValue() / 1e3, io.getValueAtPercentile(50) / 1e3,
            io.getValueAtPercentile(99) / 1e3, c.linkErrors(), c.commandsUnacknowledged(),
            errors == 0 ? "" : " (" + errors + " ticks in ERROR, the first: " + firstError + ")");
    }

    private String robot(final boolean stm32) {
        final StringBuilder yaml = new StringBuilder("name: bench\nbackend: bridge\njoints:\n");
        for (int j = 0; j < joints; j++) {
            yaml.append("  - {name: j").append(j).append(", max_velocity: 100.0, max_effort: 1.0}\n");
        }
        // the emulated MCU takes ~70 µs a byte: a frame is milliseconds there
        yaml.append(stm32 ? "bridge: {port: pty, watchdog_ms: 250, stale_ms: 200, handshake_timeout_ms: 5000}\n"
            : "bridge: {port: pty, watchdog_ms: 50, stale_ms: 10}\n");
        return yaml.toString();
    }
}
