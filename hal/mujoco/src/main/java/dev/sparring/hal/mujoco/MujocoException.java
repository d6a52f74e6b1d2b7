package dev.sparring.hal.mujoco;

/**
 * MuJoCo refused a request: a model file it could not load or compile (the message carries the file and MuJoCo's
 * own text), or data it could not make.
 */
public final class MujocoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, on which file, and MuJoCo's text.
     */
    public MujocoException(final String message) {
        super(message);
    }
}
