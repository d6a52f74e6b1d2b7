package dev.sparring.trainer.export;

import java.io.IOException;

/**
 * An ONNX model cannot be imported: its bytes are not a well-formed model, or its graph is outside the subset
 * {@link OnnxImporter} converts. The message names the file, what is wrong and where (byte offset, or node index,
 * name and operator), and what to do about it.
 */
public final class OnnxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, where, and what to do.
     */
    public OnnxFormatException(final String message) {
        super(message);
    }
}
