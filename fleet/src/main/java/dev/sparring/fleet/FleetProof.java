package dev.sparring.fleet;

import dev.sparring.controller.trust.Ed25519;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A robot's proof that it holds its key: its Ed25519 signature over a domain-separated message naming the protocol,
 * the receiver's nonce, the robot's name and the Aeron session it ships on. A proof made for one nonce or session
 * does not verify for another, so a recorded proof cannot be replayed; a signature over a policy or anything else
 * signed with the same key cannot pass for one (the tag comes first). Once per connection: allocation is fine here.
 */
public final class FleetProof {
    /** The message's first bytes: what the signature is for. */
    static final byte[] TAG = "sparring-fleet-proof/2\0".getBytes(StandardCharsets.US_ASCII);

    private FleetProof() {
    }

    /**
     * @param nonce     the receiver's nonce for this session ({@link FleetMessageFlyweight#NONCE_LENGTH} bytes).
     * @param sessionId the Aeron session the shipper ships on.
     * @param name      the robot's name, ASCII.
     * @return the bytes signed: tag, nonce, session id (4 bytes, little-endian), name.
     */
    public static byte[] message(final byte[] nonce, final int sessionId, final byte[] name) {
        return ByteBuffer.allocate(TAG.length + nonce.length + Integer.BYTES + name.length)
            .order(ByteOrder.LITTLE_ENDIAN).put(TAG).put(nonce).putInt(sessionId).put(name).array();
    }

    /**
     * @param key       the robot's private key.
     * @param nonce     the receiver's nonce.
     * @param sessionId the shipper's session.
     * @param name      the robot's name.
     * @return the proof ({@link FleetMessageFlyweight#PROOF_LENGTH} bytes).
     * @throws InvalidKeyException when the key is not an Ed25519 key.
     */
    public static byte[] sign(final PrivateKey key, final byte[] nonce, final int sessionId, final byte[] name)
        throws InvalidKeyException {
        return Ed25519.sign(key, message(nonce, sessionId, name));
    }

    /**
     * @param key       the robot's public key from the allow-list.
     * @param nonce     the nonce sent to this session.
     * @param sessionId the session the proof came on.
     * @param name      the robot's name.
     * @param proof     the proof received.
     * @return whether it is the key's signature for exactly this nonce, session and name.
     */
    public static boolean verify(final PublicKey key, final byte[] nonce, final int sessionId, final byte[] name,
        final byte[] proof) {
        return Ed25519.verify(key, message(nonce, sessionId, name), proof);
    }
}
