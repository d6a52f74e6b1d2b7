package dev.sparring.controller.trust;

import java.io.IOException;

/**
 * A policy failed the trust check: it is unsigned, its signature file is malformed, it was signed by a key the trust
 * list does not hold, or its bytes do not match the signature. The message names the policy or signature file and
 * the reason.
 */
public final class PolicyRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the file and why it was refused.
     */
    public PolicyRefusedException(final String message) {
        super(message);
    }
}
