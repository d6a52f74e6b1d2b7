package dev.sparring.fleet;

import dev.sparring.controller.trust.PolicySignature;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * The trainer's outbox of policies on disk ({@code fleet receive --publish DIR}): at most once every
 * {@link #SCAN_INTERVAL_NS} it looks for {@code DIR/<robot>.policy} files with their signatures
 * ({@code <robot>.policy.sig}) that are new or changed (size or modification time of either) and publishes each to
 * its robot ({@link FleetReceiver#publishPolicy}). A policy without a signature, for a name that is not a robot name
 * or not on the allow-list, or that cannot be read is reported once per change and not published. Runs beside the
 * receiver on its thread; between scans its duty cycle is one clock read.
 */
public final class PolicyFolder implements Agent {
    /** The most often the directory is scanned: once a second. */
    public static final long SCAN_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    /** The suffix of a policy file the folder publishes. */
    public static final String SUFFIX = ".policy";

    private final Path directory;
    private final FleetReceiver receiver;
    private final NanoClock clock;
    private final Consumer<String> notices;
    private final Map<String, Stamp> seen = new HashMap<>();
    private long scannedAtNs;
    private boolean scanned;
    private boolean unreadableReported;

    /**
     * @param directory where the policies are put.
     * @param receiver  the receiver that sends them.
     * @param clock     the clock of the scans.
     * @param notices   receives each policy published or not, as one line.
     */
    public PolicyFolder(final Path directory, final FleetReceiver receiver, final NanoClock clock,
        final Consumer<String> notices) {
        this.directory = directory;
        this.receiver = receiver;
        this.clock = clock;
        this.notices = notices;
    }

    @Override
    public String roleName() {
        return "fleet-policy-folder";
    }

    @Override
    public int doWork() {
        final long nowNs = clock.nanoTime();
        if (scanned && nowNs - scannedAtNs - SCAN_INTERVAL_NS < 0) {
            return 0;
        }
        scanned = true;
        scannedAtNs = nowNs;
        return scan();
    }

    /**
     * Publishes every policy new or changed since the last scan.
     *
     * @return policies published.
     */
    public int scan() {
        int published = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            unreadableReported = false;
            for (final Path file : files) {
                published += consider(file);
            }
        } catch (final IOException e) {
            if (!unreadableReported) {
                notices.accept("cannot read the policy directory " + directory + " (" + e + "); policies in it are "
                    + "published once it can be read");
            }
            unreadableReported = true;
        }
        return published;
    }

    private int consider(final Path file) {
        final String fileName = String.valueOf(file.getFileName());
        final String robot = fileName.substring(0, fileName.length() - SUFFIX.length());
        final Path signatureFile = PolicySignature.fileOf(file);
        final Stamp stamp = Stamp.of(file, signatureFile);
        if (stamp.equals(seen.get(robot))) {
            return 0;
        }
        seen.put(robot, stamp);
        if (stamp.signatureTime() == null) {
            notices.accept("not publishing " + file + ": it is unsigned (no " + signatureFile + "); sign it with "
                + "'sparring policy sign --key FILE " + file + "'");
            return 0;
        }
        try {
            receiver.publishPolicy(robot, Files.readAllBytes(file), Files.readAllBytes(signatureFile));
        } catch (final IOException | IllegalArgumentException e) {
            notices.accept("not publishing " + file + ": " + e.getMessage());
            return 0;
        }
        notices.accept("publishing " + file + " to robot '" + robot + "'");
        return 1;
    }

    /** What tells a changed file: the sizes and modification times of the policy and its signature (null: none). */
    private record Stamp(long size, FileTime time, long signatureSize, FileTime signatureTime) {
        static Stamp of(final Path file, final Path signatureFile) {
            final BasicFileAttributes policy = attributes(file);
            final BasicFileAttributes signature = attributes(signatureFile);
            return new Stamp(policy == null ? -1 : policy.size(), policy == null ? null : policy.lastModifiedTime(),
                signature == null ? -1 : signature.size(), signature == null ? null : signature.lastModifiedTime());
        }

        private static BasicFileAttributes attributes(final Path file) {
            try {
                return Files.readAttributes(file, BasicFileAttributes.class);
            } catch (final IOException e) {
                return null;
            }
        }
    }
}
