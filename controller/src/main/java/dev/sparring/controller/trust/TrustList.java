package dev.sparring.controller.trust;

import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.io.BoundedFiles;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The public keys a robot trusts to sign its policies ({@code control.trust} in its description): a UTF-8 text file,
 * one key per line as {@code <name> <base64 of the X.509 SubjectPublicKeyInfo>} (the line a {@code .pub} file
 * suggests), blank lines and lines starting with {@code #} ignored. A policy is trusted when its detached signature
 * ({@link PolicySignature}) verifies over the policy file's exact bytes with one of these keys.
 */
public final class TrustList {
    /** The most a trust file may hold (bytes). */
    static final long MAX_FILE_BYTES = 64 << 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final Path source;
    private final List<TrustedKey> keys;

    private TrustList(final Path source, final List<TrustedKey> keys) {
        this.source = source;
        this.keys = List.copyOf(keys);
    }

    /**
     * @param name a key's name.
     * @return whether a trust file accepts it: 1-64 letters, digits or {@code . _ @ -}.
     */
    public static boolean isValidName(final String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * @param file a trust file.
     * @return its keys.
     * @throws ConfigException naming the file and line when it is missing, holds no key, or a line is not a name and
     *                         an Ed25519 public key, or repeats a name or key.
     * @throws IOException     naming the file when it cannot be read or is too large.
     */
    public static TrustList read(final Path file) throws IOException {
        final String text;
        try {
            text = BoundedFiles.readUtf8(file, MAX_FILE_BYTES, "trust file");
        } catch (final NoSuchFileException e) {
            throw new ConfigException("trust file " + file + " does not exist; list the trainers' public keys in it "
                + "(docs/robot-runtime.md, \"Keys and signed policies\")");
        }
        final List<String> lines = text.lines().toList();
        final List<TrustedKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final TrustedKey key = parse(file, i + 1, line);
            for (final TrustedKey other : keys) {
                if (other.name().equals(key.name()) || other.keyId().equals(key.keyId())) {
                    throw new ConfigException(file + ": line " + (i + 1) + " repeats " + (other.name().equals(
                        key.name()) ? "the name '" + key.name() + "'" : "key " + key.keyId() + " (also '"
                        + other.name() + "')"));
                }
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new ConfigException(file + ": lists no keys, so every policy would be refused; add a line "
                + "'<name> <public key>' (the line a .pub file from 'sparring keys generate' suggests)");
        }
        return new TrustList(file, keys);
    }

    private static TrustedKey parse(final Path file, final int lineNumber, final String line) {
        final String[] parts = line.split("\\s+");
        final String where = file + ": line " + lineNumber;
        if (parts.length != 2) {
            throw new ConfigException(where + " must be '<name> <public key>', had " + parts.length + " fields"
                + (parts.length == 1 ? ": write the key after the name, as in the line the .pub file from 'sparring "
                + "keys generate' suggests ('" + parts[0] + " MCowBQYDK2VwAyEA...')" : ""));
        }
        if (!isValidName(parts[0])) {
            throw new ConfigException(where + ": the name must be 1-64 letters, digits or . _ @ -, was '" + parts[0]
                + "'");
        }
        try {
            final PublicKey key = Ed25519.publicKey(Base64.getDecoder().decode(parts[1]));
            return new TrustedKey(parts[0], Ed25519.keyId(key), key);
        } catch (final IllegalArgumentException | InvalidKeySpecException e) {
            throw new ConfigException(where + ": '" + parts[0] + "' has no Ed25519 public key (base64 of its X.509 "
                + "encoding, as in its .pub file): " + e.getMessage());
        }
    }

    /**
     * Reads a policy file once, verifies its signature over those bytes, then parses the same bytes: the file cannot
     * change between the check and the load. Call off the control thread.
     *
     * @param policyFile the policy file; its signature is {@code policyFile.sig}.
     * @return the policy and who signed it.
     * @throws PolicyRefusedException naming the file and the reason: unsigned, a malformed signature file, signed by
     *                                an unknown key, or tampered.
     * @throws IOException            when the policy cannot be read or is not a valid policy.
     */
    public TrustedPolicy readPolicy(final Path policyFile) throws IOException {
        final byte[] bytes = PolicyReader.bytes(policyFile);
        final TrustedKey signer = verify(policyFile, bytes);
        return new TrustedPolicy(PolicyReader.read(policyFile.toString(), bytes), signer);
    }

    /**
     * @param policyFile  the policy file, for its signature file and messages.
     * @param policyBytes its exact bytes.
     * @return the trusted key whose signature they carry.
     * @throws PolicyRefusedException naming the file and the reason.
     * @throws IOException            when the signature file cannot be read.
     */
    public TrustedKey verify(final Path policyFile, final byte[] policyBytes) throws IOException {
        return verify(policyFile.toString(), policyBytes, PolicySignature.read(policyFile));
    }

    /**
     * Verifies a policy's bytes against its detached signature, both in memory (e.g. received over the network).
     *
     * @param policyName  the policy's name, for messages.
     * @param policyBytes its exact bytes.
     * @param signature   its signature ({@link PolicySignature#parse}).
     * @return the trusted key whose signature they carry.
     * @throws PolicyRefusedException naming the policy and the reason: signed by an unknown key, or tampered.
     */
    public TrustedKey verify(final String policyName, final byte[] policyBytes, final PolicySignature signature)
        throws PolicyRefusedException {
        TrustedKey signer = null;
        for (final TrustedKey key : keys) {
            if (key.keyId().equals(signature.keyId())) {
                signer = key;
            }
        }
        if (signer == null) {
            throw new PolicyRefusedException("policy " + policyName + " is signed by unknown key "
                + signature.keyId() + ", which trust file " + source + " does not list");
        }
        final byte[] sha256 = Ed25519.sha256(policyBytes);
        if (!MessageDigest.isEqual(sha256, signature.policySha256())) {
            throw new PolicyRefusedException("policy " + policyName + " is tampered: signature does not match (the "
                + "policy's SHA-256 is " + HexFormat.of().formatHex(sha256) + ", " + signer.describe() + " signed "
                + HexFormat.of().formatHex(signature.policySha256()) + ")");
        }
        if (!Ed25519.verify(signer.key(), policyBytes, signature.signature())) {
            throw new PolicyRefusedException("policy " + policyName + " is tampered: signature does not match (its "
                + "signature claims key " + signer.describe() + ", whose signature it does not carry)");
        }
        return signer;
    }

    /**
     * @return the trust file.
     */
    public Path source() {
        return source;
    }

    /**
     * @return its keys, in file order.
     */
    public List<TrustedKey> keys() {
        return keys;
    }
}
