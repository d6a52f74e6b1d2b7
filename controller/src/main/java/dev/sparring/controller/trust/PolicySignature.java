package dev.sparring.controller.trust;

import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.BoundedFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A detached policy signature, the file {@code POLICY.sig} beside the policy: UTF-8 text, one {@code key value} per
 * line, in this order:
 * <pre>
 * sparring-signature 1
 * algorithm Ed25519
 * key-id 3f9a0c1d2e4b5a69
 * policy-sha256 &lt;64 hex digits: SHA-256 of the policy file's bytes&gt;
 * signature &lt;base64 of the 64-byte Ed25519 signature over the policy file's exact bytes&gt;
 * </pre>
 * The key id picks the trusted key to verify with; the SHA-256 is for messages ("tampered") and for people, the
 * signature alone decides. A signature file over {@value #MAX_FILE_BYTES} bytes is refused unread.
 *
 * @param keyId        the signing key's id ({@link Ed25519#keyId}).
 * @param policySha256 the SHA-256 of the signed policy bytes.
 * @param signature    the 64-byte signature.
 */
public record PolicySignature(String keyId, byte[] policySha256, byte[] signature) {
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** The most a signature file may hold (bytes). */
    public static final int MAX_FILE_BYTES = 4096;
    private static final String MAGIC = "sparring-signature";
    private static final List<String> FIELDS = List.of(MAGIC, "algorithm", "key-id", "policy-sha256", "signature");
    private static final int SHA256_BYTES = 32;

    /**
     * @param policyFile a policy file.
     * @return its signature file: the same name with {@code .sig} appended.
     */
    public static Path fileOf(final Path policyFile) {
        return policyFile.resolveSibling(policyFile.getFileName() + ".sig");
    }

    /**
     * @param keys        the signing key pair.
     * @param policyBytes the policy file's exact bytes.
     * @return their signature.
     * @throws InvalidKeyException   when the keys are not Ed25519 keys.
     * @throws IllegalArgumentException when the private key is not the public key's pair (its signature does not
     *                               verify with the public key).
     */
    public static PolicySignature sign(final KeyPair keys, final byte[] policyBytes) throws InvalidKeyException {
        final byte[] signature = Ed25519.sign(keys.getPrivate(), policyBytes);
        if (!Ed25519.verify(keys.getPublic(), policyBytes, signature)) {
            throw new IllegalArgumentException("the private key does not belong to the public key "
                + Ed25519.keyId(keys.getPublic()));
        }
        return new PolicySignature(Ed25519.keyId(keys.getPublic()), Ed25519.sha256(policyBytes), signature);
    }

    /**
     * @return the file's text.
     */
    public String format() {
        return MAGIC + " " + VERSION + "\nalgorithm " + Ed25519.ALGORITHM + "\nkey-id " + keyId + "\npolicy-sha256 "
            + HexFormat.of().formatHex(policySha256) + "\nsignature " + Base64.getEncoder().encodeToString(signature)
            + "\n";
    }

    /**
     * @param file the signature file to write (atomically).
     * @throws IOException naming the file when it cannot be written.
     */
    public void write(final Path file) throws IOException {
        AtomicFiles.write(file, format().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a policy's signature file.
     *
     * @param policyFile the policy file; its signature is {@link #fileOf} it.
     * @return the signature.
     * @throws PolicyRefusedException naming the file when it is missing ("unsigned"), too large, not UTF-8 or not a
     *                                signature file of this version.
     * @throws IOException            naming the file when it cannot be read for another reason (permissions).
     */
    public static PolicySignature read(final Path policyFile) throws IOException {
        final Path file = fileOf(policyFile);
        final String text;
        try {
            text = BoundedFiles.readUtf8(file, MAX_FILE_BYTES, "signature file");
        } catch (final NoSuchFileException e) {
            throw new PolicyRefusedException("policy " + policyFile + " is unsigned: no signature file " + file
                + "; sign it with 'sparring policy sign --key FILE " + policyFile + "'");
        } catch (final FileSystemException e) {
            if (e.getReason() != null && (e.getReason().startsWith("holds more than")
                || e.getReason().startsWith("is not valid UTF-8"))) {
                throw malformed(file.toString(), e.getReason());
            }
            throw e;
        }
        return parse(file.toString(), text);
    }

    /**
     * @param source the signature file's name, for messages.
     * @param text   its text.
     * @return the signature.
     * @throws PolicyRefusedException naming the file, the line and what is wrong.
     */
    public static PolicySignature parse(final String source, final String text) throws PolicyRefusedException {
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            final int space = line.indexOf(' ');
            final String key = space < 0 ? line : line.substring(0, space);
            if (i >= FIELDS.size() || !FIELDS.get(i).equals(key)) {
                throw malformed(source, i >= FIELDS.size() ? "has more lines than the " + FIELDS.size() + " of a "
                    + "signature file (line " + (i + 1) + ": '" + shortened(line) + "')"
                    : "line " + (i + 1) + " must start with '" + FIELDS.get(i) + "', was '" + shortened(line) + "'");
            }
            fields.put(key, space < 0 ? "" : line.substring(space + 1).strip());
        }
        if (fields.size() < FIELDS.size()) {
            throw malformed(source, "is truncated: it ends before its '" + FIELDS.get(fields.size()) + "' line");
        }
        if (!String.valueOf(VERSION).equals(fields.get(MAGIC))) {
            throw malformed(source, "has format version '" + shortened(fields.get(MAGIC)) + "'; this version of "
                + "sparring reads version " + VERSION);
        }
        if (!Ed25519.ALGORITHM.equals(fields.get("algorithm"))) {
            throw malformed(source, "algorithm must be " + Ed25519.ALGORITHM + ", was '"
                + shortened(fields.get("algorithm")) + "'");
        }
        final String keyId = fields.get("key-id");
        if (keyId.length() != Ed25519.KEY_ID_DIGITS || !isHex(keyId)) {
            throw malformed(source, "key-id must be " + Ed25519.KEY_ID_DIGITS + " hex digits, was '"
                + shortened(keyId) + "'");
        }
        final String sha = fields.get("policy-sha256");
        if (sha.length() != 2 * SHA256_BYTES || !isHex(sha)) {
            throw malformed(source, "policy-sha256 must be " + 2 * SHA256_BYTES + " hex digits, was '"
                + shortened(sha) + "'");
        }
        final byte[] signature;
        try {
            signature = Base64.getDecoder().decode(fields.get("signature"));
        } catch (final IllegalArgumentException e) {
            throw malformed(source, "signature is not base64 (" + e.getMessage() + ")");
        }
        if (signature.length != Ed25519.SIGNATURE_BYTES) {
            throw malformed(source, "signature must decode to " + Ed25519.SIGNATURE_BYTES + " bytes, was "
                + signature.length);
        }
        return new PolicySignature(keyId.toLowerCase(Locale.ROOT), HexFormat.of().parseHex(sha), signature);
    }

    private static boolean isHex(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String shortened(final String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static PolicyRefusedException malformed(final String source, final String problem) {
        return new PolicyRefusedException("signature file " + source + " is malformed: " + problem);
    }
}
