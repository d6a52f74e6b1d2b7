package dev.sparring.fleet;

import dev.sparring.controller.trust.PolicyRefusedException;
import dev.sparring.controller.trust.PolicySignature;
import dev.sparring.controller.trust.TrustList;
import dev.sparring.controller.trust.TrustedKey;
import dev.sparring.hal.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The robot's policy inbox on disk: a policy that arrives is verified against the robot's trust list (the same check
 * the controller makes before it loads a policy) and, only when its signature verifies, written as
 * {@code DIR/<robot>.policy} with its signature beside it ({@code DIR/<robot>.policy.sig}), each atomically (the
 * signature first: a reader between the two renames sees a mismatch and refuses, never a foreign policy). An
 * unsigned, tampered or foreign-signed policy is refused with its reason and nothing is written.
 */
public final class PolicyDirectory implements PolicyInbox {
    private final Path directory;
    private final TrustList trust;
    private final Consumer<String> notices;
    private long written;
    private long refused;

    /**
     * @param directory where verified policies go.
     * @param trust     the keys the robot trusts to sign its policies.
     * @param notices   receives each policy written or refused, as one line.
     */
    public PolicyDirectory(final Path directory, final TrustList trust, final Consumer<String> notices) {
        this.directory = directory;
        this.trust = trust;
        this.notices = notices;
    }

    /**
     * @param robot a robot's name.
     * @return the file its policies are written to.
     */
    public Path policyFile(final String robot) {
        return directory.resolve(robot + ".policy");
    }

    @Override
    public void onPolicy(final String robot, final long sequence, final byte[] policy, final byte[] signature) {
        final Path file = policyFile(robot);
        final String what = "policy #" + sequence + " from the receiver (" + policy.length + " bytes)";
        final TrustedKey signer;
        try {
            final String signatureText = new String(signature, StandardCharsets.UTF_8);
            signer = trust.verify("#" + sequence, policy, PolicySignature.parse("sent with policy #" + sequence,
                signatureText));
        } catch (final PolicyRefusedException e) {
            refused++;
            notices.accept("refused " + what + ": " + e.getMessage() + "; nothing written to " + file);
            return;
        }
        try {
            AtomicFiles.write(PolicySignature.fileOf(file), signature);
            AtomicFiles.write(file, policy);
        } catch (final IOException e) {
            refused++;
            notices.accept("cannot write " + what + " to " + file + " (" + e.getMessage() + "); let this user write "
                + directory);
            return;
        }
        written++;
        notices.accept("wrote " + what + ", signed by " + signer.describe() + ", to " + file);
    }

    /**
     * @return policies verified and written.
     */
    public long written() {
        return written;
    }

    /**
     * @return policies refused (or that could not be written).
     */
    public long refused() {
        return refused;
    }
}
