package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.JointType;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring bridge sim}: starts the host-built reference firmware on a fresh pseudo-terminal whose slave it links
 * at the robot's {@code bridge.port} (or {@code --port}), with a simulated plant that fits the robot (the cart-pole
 * for a slider with a free hinge, independent motors otherwise), prints where it is and how to drive it, and relays
 * its output until it stops (Ctrl-C, or {@code --duration}). The firmware holds its plant still until a controller
 * first commands it.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the host-built joint firmware on a fresh pseudo-terminal, for './sparring run' to drive.")
final class BridgeSimCommand implements Callable<Integer> {
    static final String FIRMWARE = "firmware-bridge/target/firmware/host/sparring-firmware";

    @Spec
    private CommandSpec spec;

    @Option(names = "--robot", defaultValue = "robots/cartpole-bridge.yaml", paramLabel = "<description>",
        description = "A bridge robot description (default ${DEFAULT-VALUE}).")
    private Path robot;

    @Option(names = "--port", paramLabel = "<path>", description = "Where to link the pseudo-terminal (default: the "
        + "robot's bridge.port).")
    private Path port;

    @Option(names = "--firmware", paramLabel = "<binary>", description = "The host-built firmware (default: "
        + FIRMWARE + " in the Sparring directory, which ./sparring builds).")
    private Path firmwareBinary;

    @Option(names = "--duration", paramLabel = "<seconds>", description = "Stop the firmware after this many "
        + "seconds (default: run until Ctrl-C).")
    private Double durationS;

    @Override
    public Integer call() throws IOException, InterruptedException {
        final RobotDescription description = RobotDescription.load(robot);
        OptionChecks.require(spec, "bridge".equals(description.backend()), "--robot " + robot + " has backend "
            + description.backend() + "; bridge sim runs firmware for a bridge robot (backend: bridge)");
        if (durationS != null) {
            OptionChecks.require(spec, durationS > 0 && durationS <= 1e6, "--duration must be in (0, 1e6] seconds, "
                + "was " + durationS);
        }
        final Path firmware = firmwareBinary != null ? firmwareBinary
            : Path.of(System.getProperty("sparring.home", ".")).resolve(FIRMWARE);
        if (!Files.isExecutable(firmware)) {
            throw new ConfigException("no host-built firmware at " + firmware + ": the build makes it with gcc and "
                + "make (apt-get install gcc make), then ./sparring builds again");
        }
        final Path link = port != null ? port : Path.of(description.section("bridge").string("port"));
        final List<String> command = new ArrayList<>(List.of(firmware.toString(), "--pty", link.toString()));
        command.addAll(plant(description));
        command.add("--hold-until-active");
        final PrintWriter out = spec.commandLine().getOut();
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // SIGTERM through the handle: Process.destroy() would also close the output this command still relays
        final Thread stopper = new Thread(() -> process.toHandle().destroy(), "bridge-sim-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        final Thread timer = durationS == null ? null : Thread.ofVirtual().start(() -> stopAfter(process));
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line = output.readLine();
            if (line != null) {
                out.println(line);
                out.printf("drive it:  ./sparring run --robot %s --port %s%n", robot, link);
                out.flush();
            }
            while ((line = output.readLine()) != null) {
                out.println(line);
                out.flush();
            }
            return process.waitFor();
        } finally {
            if (timer != null) {
                timer.interrupt();
            }
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }

    /** Stops the firmware after {@code --duration} (SIGTERM: it makes its outputs safe and exits 0). */
    private void stopAfter(final Process process) {
        try {
            if (!process.waitFor(Math.round(durationS * 1e3), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroy();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt(); // the firmware ended first
        }
    }

    /** The cart-pole for a prismatic joint then a passive revolute one; otherwise one motor per joint. */
    private static List<String> plant(final RobotDescription description) {
        final List<JointSpec> joints = description.spec().joints();
        final boolean cartPole = joints.size() == 2 && joints.get(0).type() == JointType.PRISMATIC
            && joints.get(0).isActuated() && joints.get(1).type() == JointType.REVOLUTE && !joints.get(1).isActuated();
        return cartPole ? List.of("--plant", "cartpole")
            : List.of("--plant", "motors", "--joints", Integer.toString(joints.size()));
    }
}
