package dev.sparring.tests.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: three network namespaces on this machine standing for a robot, the network between and a trainer
 * host, joined by two veth pairs; addresses exist only inside them:
 *
 * <pre>
 *   robot ns            link ns                          trainer ns
 *   vr0 10.213.1.1/30 ⇄ vl0 10.213.1.2/30  vl1 10.213.2.1/30 ⇄ vt0 10.213.2.2/30
 * </pre>
 *
 * The link namespace does not route: robot and trainer reach each other only through what runs there (the test's
 * {@link UdpRelay}). The host name {@link #ROBOT_REPLY_HOST} resolves (per namespace, through
 * {@code /etc/netns/NS/hosts}, which {@code ip netns exec} mounts over {@code /etc/hosts}) to the robot's own
 * address on the robot, where the shipper binds its reply channel, and to the relay's address on the trainer, where
 * the receiver sends its acknowledgements: a robot behind an address translator, as seen from each side.
 *
 * <p>Created by {@link #create}, removed by {@link #close} (namespaces, their interfaces and the hosts files).
 */
final class ThreeHostNetwork implements AutoCloseable {
    static final String ROBOT_ADDRESS = "10.213.1.1";
    static final String LINK_ROBOT_SIDE = "10.213.1.2";
    static final String LINK_TRAINER_SIDE = "10.213.2.1";
    static final String TRAINER_ADDRESS = "10.213.2.2";
    /** The link namespace's interface towards the trainer (the one a test takes down). */
    static final String LINK_TRAINER_INTERFACE = "vl1";
    static final String ROBOT_REPLY_HOST = "fleet-robot-reply";

    final String robot;
    final String link;
    final String trainer;
    private final List<String> created = new ArrayList<>();

    private ThreeHostNetwork(final String prefix) {
        robot = prefix + "r";
        link = prefix + "l";
        trainer = prefix + "t";
    }

    /**
     * @param prefix unique among this machine's namespaces (e.g. with the process id).
     * @return the network, up.
     * @throws IOException when {@code ip} fails; what was created is removed again.
     */
    static ThreeHostNetwork create(final String prefix) throws IOException {
        final ThreeHostNetwork network = new ThreeHostNetwork(prefix);
        try {
            network.build();
            return network;
        } catch (final IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void build() throws IOException {
        for (final String ns : List.of(robot, link, trainer)) {
            run("ip", "netns", "add", ns);
            created.add(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "-n", link, "link", "add", "vl0", "type", "veth", "peer", "name", "vr0", "netns", robot);
        run("ip", "-n", link, "link", "add", "vl1", "type", "veth", "peer", "name", "vt0", "netns", trainer);
        address(robot, "vr0", ROBOT_ADDRESS);
        address(link, "vl0", LINK_ROBOT_SIDE);
        address(link, "vl1", LINK_TRAINER_SIDE);
        address(trainer, "vt0", TRAINER_ADDRESS);
        hosts(robot, ROBOT_ADDRESS);
        hosts(trainer, LINK_TRAINER_SIDE);
    }

    private static void address(final String ns, final String device, final String address) throws IOException {
        run("ip", "-n", ns, "address", "add", address + "/30", "dev", device);
        run("ip", "-n", ns, "link", "set", device, "up");
    }

    private static void hosts(final String ns, final String replyAddress) throws IOException {
        final Path directory = Path.of("/etc/netns", ns);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("hosts"), "127.0.0.1 localhost\n" + replyAddress + " " + ROBOT_REPLY_HOST
            + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * @param ns      a namespace of this network.
     * @param command the command.
     * @return {@code ip netns exec NS command...}.
     */
    static List<String> in(final String ns, final List<String> command) {
        final List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        line.addAll(command);
        return line;
    }

    /**
     * Sets the link namespace's interface towards the trainer up or down (its peer's carrier follows).
     *
     * @param up true for up.
     * @throws IOException when {@code ip} fails.
     */
    void trainerLink(final boolean up) throws IOException {
        run("ip", "-n", link, "link", "set", LINK_TRAINER_INTERFACE, up ? "up" : "down");
    }

    /**
     * Runs a command to its end.
     *
     * @param command the command.
     * @return its standard output and error.
     * @throws IOException when it cannot start, does not end within 30 s or ends with another status than 0.
     */
    static String run(final String... command) throws IOException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within 30 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + output.strip());
            }
            return output;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        final List<String> failures = new ArrayList<>();
        for (final String ns : created) {
            try {
                run("ip", "netns", "delete", ns);
            } catch (final IOException e) {
                failures.add(e.getMessage());
            }
        }
        for (final String ns : List.of(robot, trainer)) {
            final Path directory = Path.of("/etc/netns", ns);
            try {
                Files.deleteIfExists(directory.resolve("hosts"));
                Files.deleteIfExists(directory);
            } catch (final IOException e) {
                failures.add("cannot remove " + directory + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("removing the test's namespaces failed: " + failures);
        }
    }
}
