package dev.sparring.controller.trust;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.hal.io.BoundedFiles;
import dev.sparring.hal.io.FileErrors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Key files: the private key as PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey -algorithm
 * ed25519} writes it) with file mode 0600, and the public key beside it ({@code FILE.pub}) as PEM X.509
 * SubjectPublicKeyInfo after comment lines giving its key id and the line to add to a robot's trust file.
 */
public final class KeyFiles {
    /** The most a key file may hold (bytes). */
    static final long MAX_KEY_FILE_BYTES = 8 << 10;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private KeyFiles() {
    }

    /**
     * @param privateKeyFile a private key file.
     * @return its public key file: the same name with {@code .pub} appended.
     */
    public static Path publicKeyFile(final Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    /**
     * Writes a key pair: the private key readable by its owner only (created with mode 0600, never wider, then moved
     * into place), and the public key beside it.
     *
     * @param keys           the key pair.
     * @param privateKeyFile where the private key goes.
     * @param force          replace existing key files.
     * @param name           the key's name in the suggested trust-file line.
     * @throws ConfigException when a key file exists and {@code force} is not set, or the file system has no POSIX
     *                         permissions.
     * @throws IOException     naming the file when it cannot be written.
     */
    public static void write(final KeyPair keys, final Path privateKeyFile, final boolean force, final String name)
        throws IOException {
        final Path publicKeyFile = publicKeyFile(privateKeyFile);
        for (final Path file : new Path[] {privateKeyFile, publicKeyFile}) {
            if (Files.exists(file) && !force) {
                throw new ConfigException(file + " exists; pass --force to replace the key (policies signed with "
                    + "it will no longer be trusted by robots that trust only the new one), or --out to write "
                    + "elsewhere");
            }
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            throw new ConfigException("cannot write " + privateKeyFile + ": this file system has no POSIX "
                + "permissions, so the private key could not be made readable by its owner only");
        }
        writeOwnerOnly(privateKeyFile, pem(PRIVATE, keys.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        final String keyId = Ed25519.keyId(keys.getPublic());
        final String base64 = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        AtomicFiles.write(publicKeyFile, ("# Sparring policy-signing public key (Ed25519), key id " + keyId + "\n"
            + "# a robot trusts it with this line in its trust file (control.trust):\n"
            + "# " + name + " " + base64 + "\n"
            + pem(PUBLIC, keys.getPublic().getEncoded())).getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeOwnerOnly(final Path file, final byte[] bytes) throws IOException {
        final Path absolute = file.toAbsolutePath();
        final Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(temporary);
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
                final ByteBuffer content = ByteBuffer.wrap(bytes);
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temporary, OWNER_ONLY);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * @param file a private key file ({@link #write}).
     * @return the private key.
     * @throws ConfigException naming the file when it is not a PEM Ed25519 private key.
     * @throws IOException     naming the file when it cannot be read.
     */
    public static PrivateKey readPrivate(final Path file) throws IOException {
        final byte[] encoded = pemBody(file, PRIVATE);
        try {
            return Ed25519.privateKey(encoded);
        } catch (final InvalidKeySpecException e) {
            throw new ConfigException(file + ": not an Ed25519 private key (" + e.getMessage() + "); make one with "
                + "'sparring keys generate --out FILE'", e);
        }
    }

    /**
     * @param file a public key file ({@link #write}).
     * @return the public key.
     * @throws ConfigException naming the file when it is not a PEM Ed25519 public key.
     * @throws IOException     naming the file when it cannot be read.
     */
    public static PublicKey readPublic(final Path file) throws IOException {
        final byte[] encoded = pemBody(file, PUBLIC);
        try {
            return Ed25519.publicKey(encoded);
        } catch (final InvalidKeySpecException e) {
            throw new ConfigException(file + ": not an Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    /** The base64 between a PEM block's BEGIN and END lines of {@code type}; lines before and after are ignored. */
    private static byte[] pemBody(final Path file, final String type) throws IOException {
        final String text;
        try {
            text = BoundedFiles.readUtf8(file, MAX_KEY_FILE_BYTES, "key file");
        } catch (final NoSuchFileException e) {
            throw new ConfigException("key file " + file + " does not exist");
        }
        final String begin = "-----BEGIN " + type + "-----";
        final String end = "-----END " + type + "-----";
        final int from = text.indexOf(begin);
        final int to = from < 0 ? -1 : text.indexOf(end, from);
        if (to < 0) {
            throw new ConfigException(file + ": no '" + begin + "' ... '" + end + "' block; is it a "
                + (type.equals(PRIVATE) ? "private" : "public") + " key file from 'sparring keys generate'?");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to).strip());
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(file + ": the " + type.toLowerCase(Locale.ROOT) + " block is not "
                + "base64 (" + e.getMessage() + ")");
        }
    }
}
