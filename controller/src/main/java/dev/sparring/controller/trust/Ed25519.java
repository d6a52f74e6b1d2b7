package dev.sparring.controller.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 through the JDK's provider: key pairs, key ids, encoding and decoding, signing and verifying. A key id is
 * the first 8 bytes of the SHA-256 of the public key's X.509 SubjectPublicKeyInfo encoding, as 16 hex digits.
 */
public final class Ed25519 {
    /** The algorithm's name in signature files and the JDK. */
    public static final String ALGORITHM = "Ed25519";
    /** Length of a signature (bytes). */
    public static final int SIGNATURE_BYTES = 64;
    /** Length of a key id (hex digits). */
    public static final int KEY_ID_DIGITS = 16;

    private Ed25519() {
    }

    /**
     * @param random the randomness (a seeded one in tests).
     * @return a new key pair.
     */
    public static KeyPair generate(final SecureRandom random) {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator.generateKeyPair();
        } catch (final GeneralSecurityException e) {
            throw missing(e);
        }
    }

    /**
     * @param key a public key.
     * @return its key id: 16 hex digits.
     */
    public static String keyId(final PublicKey key) {
        return HexFormat.of().formatHex(Arrays.copyOf(sha256(key.getEncoded()), KEY_ID_DIGITS / 2));
    }

    /**
     * @param bytes any bytes.
     * @return their SHA-256.
     */
    public static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw missing(e);
        }
    }

    /**
     * @param encoded an X.509 SubjectPublicKeyInfo encoding.
     * @return the public key.
     * @throws InvalidKeySpecException when the bytes are not an Ed25519 public key.
     */
    public static PublicKey publicKey(final byte[] encoded) throws InvalidKeySpecException {
        return keyFactory().generatePublic(new X509EncodedKeySpec(encoded));
    }

    /**
     * @param encoded a PKCS#8 encoding.
     * @return the private key.
     * @throws InvalidKeySpecException when the bytes are not an Ed25519 private key.
     */
    public static PrivateKey privateKey(final byte[] encoded) throws InvalidKeySpecException {
        return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(encoded));
    }

    /**
     * @param key     the private key.
     * @param message the bytes to sign.
     * @return the 64-byte signature.
     * @throws InvalidKeyException when the key is not an Ed25519 key.
     */
    public static byte[] sign(final PrivateKey key, final byte[] message) throws InvalidKeyException {
        try {
            final Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (final NoSuchAlgorithmException | SignatureException e) {
            throw missing(e);
        }
    }

    /**
     * @param key       the public key.
     * @param message   the signed bytes.
     * @param signature the signature.
     * @return whether the signature is the key's over exactly these bytes.
     */
    public static boolean verify(final PublicKey key, final byte[] message, final byte[] signature) {
        try {
            final Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (final InvalidKeyException | SignatureException e) {
            return false;
        } catch (final NoSuchAlgorithmException e) {
            throw missing(e);
        }
    }

    private static KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance(ALGORITHM);
        } catch (final NoSuchAlgorithmException e) {
            throw missing(e);
        }
    }

    private static IllegalStateException missing(final GeneralSecurityException e) {
        return new IllegalStateException("this JVM's security providers lack Ed25519 or SHA-256, which the JDK "
            + "provides since Java 15", e);
    }
}
