package dev.sparring.controller.trust;

import java.security.PublicKey;

/**
 * One key of a trust list.
 *
 * @param name  its name in the trust file (who holds the private key, e.g. {@code trainer-1}).
 * @param keyId its key id ({@link Ed25519#keyId}).
 * @param key   the public key.
 */
public record TrustedKey(String name, String keyId, PublicKey key) {
    /**
     * @return {@code name (key id)}, for messages.
     */
    public String describe() {
        return name + " (key id " + keyId + ")";
    }
}
