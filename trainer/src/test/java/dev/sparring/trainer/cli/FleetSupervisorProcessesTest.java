package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.ChildJvm;
import dev.sparring.controller.trust.Ed25519;
import dev.sparring.controller.trust.KeyFiles;
import dev.sparring.trainer.colearn.fleet.FleetConfig;
import dev.sparring.trainer.colearn.fleet.FleetDescription;
import dev.sparring.trainer.colearn.fleet.FleetTraining;
import dev.sparring.trainer.colearn.fleet.FleetTransport;
import dev.sparring.trainer.colearn.fleet.SharingMode;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two supervisors of one fleet, each its own process with its own receiver, serving the robots of a third
 * ({@code fleet robots}, here in the test's JVM): the logs travel over Aeron UDP, the policies come back signed and
 * verified, and the learners end exactly where the one-process run ends (the same rows of metrics, windows and
 * fidelity).
 */
final class FleetSupervisorProcessesTest {
    private static final String FLEET = Path.of("..", "robots", "fleet", "inverted_pendulum.yaml").toString();
    private static final String[] RUN = {"--fleet", FLEET, "--robots", "8", "--supervisors", "2", "--window", "64",
        "--steps", "256", "--temperature", "2", "--sharing", "colearn", "--seed", "5"};

    @TempDir
    Path dir;

    @Test
    void shouldLearnAcrossSupervisorProcessesExactlyAsInOneProcess() throws Exception {
        final Path key = dir.resolve("trainer.key");
        final KeyPair keys = Ed25519.generate(new SecureRandom());
        KeyFiles.write(keys, key, false, "trainer");
        final Path trust = dir.resolve("trust.txt");
        Files.writeString(trust, "trainer " + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
            + "\n");
        final List<Process> supervisors = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        try {
            for (int s = 0; s < 2; s++) {
                final String address = "127.0.0.1:" + freeUdpPort();
                addresses.add(address);
                final List<String> args = new ArrayList<>(List.of("fleet", "supervise", "--index", Integer.toString(s),
                    "--listen", address, "--key", key.toString(), "--out", dir.resolve("supervisor-" + s).toString()));
                args.addAll(List.of(RUN));
                supervisors.add(new ProcessBuilder(ChildJvm.command(TrainerCli.class, args.toArray(String[]::new)))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("supervisor-" + s + ".txt").toFile())
                    .start());
            }
            final TrainerCliRun robots = new TrainerCliRun();
            final List<String> args = new ArrayList<>(List.of("fleet", "robots", "--supervisor-at",
                String.join(",", addresses), "--trust", trust.toString(), "--out", dir.resolve("robots").toString()));
            args.addAll(List.of(RUN));
            assertEquals(0, robots.run(args.toArray(String[]::new)), robots::err);
            assertTrue(robots.out().contains("4 of 4 windows run"), robots.out());
            for (int s = 0; s < 2; s++) {
                final Process supervisor = supervisors.get(s);
                assertTrue(supervisor.waitFor(2, TimeUnit.MINUTES), "supervisor " + s + " did not end");
                final String output = Files.readString(dir.resolve("supervisor-" + s + ".txt"));
                assertEquals(0, supervisor.exitValue(), output);
                assertTrue(output.contains("4 of 4 windows supervised"), output);
            }
        } finally {
            supervisors.forEach(Process::destroyForcibly);
        }

        final Path one = dir.resolve("one-process");
        new FleetTraining(FleetConfig.defaults(8, 2, 64, 256, 2, SharingMode.COLEARN, 5),
            FleetDescription.load(Path.of(FLEET)), one, FleetTransport.LOCAL).run(null, false);
        for (final String file : List.of("metrics.csv", "windows.csv", "fidelity.csv")) {
            assertEquals(Files.readAllLines(one.resolve(file)), merged(file), file + ": the supervisor processes' rows "
                + "differ from the one-process run's");
        }
        final List<String> policies = Files.readAllLines(dir.resolve("robots").resolve("policies")
            .resolve("robot-7.policy.sig"), StandardCharsets.UTF_8);
        assertTrue(!policies.isEmpty(), "the last policy's signature is beside it");
    }

    /** The supervisors' rows in the one-process order: by window, then supervisor (the header once). */
    private List<String> merged(final String file) throws IOException {
        final List<List<String>> rows = List.of(Files.readAllLines(dir.resolve("supervisor-0").resolve(file)),
            Files.readAllLines(dir.resolve("supervisor-1").resolve(file)));
        final List<String> merged = new ArrayList<>(List.of(rows.get(0).get(0)));
        for (int w = 0; w < 4; w++) {
            for (final List<String> supervisor : rows) {
                final String prefix = w + ",";
                supervisor.stream().skip(1).filter(row -> row.startsWith(prefix)).forEach(merged::add);
            }
        }
        return merged;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
