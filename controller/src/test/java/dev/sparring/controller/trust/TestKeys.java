package dev.sparring.controller.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Deterministic Ed25519 keys, trust files and signed policies for tests.
 */
public final class TestKeys {
    private TestKeys() {
    }

    /**
     * @param seed the seed.
     * @return the same key pair for the same seed.
     */
    public static KeyPair pair(final long seed) {
        try {
            final SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return Ed25519.generate(random);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param name the key's name.
     * @param keys the key pair.
     * @return its trust-file line.
     */
    public static String trustLine(final String name, final KeyPair keys) {
        return name + " " + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n";
    }

    /**
     * @param file the trust file to write.
     * @param name the trusted key's name.
     * @param keys the trusted key pair.
     * @return {@code file}.
     * @throws IOException when it cannot be written.
     */
    public static Path trustFile(final Path file, final String name, final KeyPair keys) throws IOException {
        return Files.writeString(file, "# trusted trainers\n" + trustLine(name, keys));
    }

    /**
     * Signs a policy file as {@code policy sign} does: writes {@code policy.sig}.
     *
     * @param policy the policy file.
     * @param keys   the signing key pair.
     * @return {@code policy}.
     * @throws Exception when it cannot be read or signed.
     */
    public static Path sign(final Path policy, final KeyPair keys) throws Exception {
        PolicySignature.sign(keys, Files.readAllBytes(policy)).write(PolicySignature.fileOf(policy));
        return policy;
    }
}
