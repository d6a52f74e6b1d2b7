package dev.sparring.controller.policy;

import java.io.IOException;

/**
 * A policy file is not valid: the message names the file, what is wrong and where (field, byte offset), and what to
 * do about it.
 */
public final class PolicyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, where, and what to do.
     */
    public PolicyFormatException(final String message) {
        super(message);
    }
}
