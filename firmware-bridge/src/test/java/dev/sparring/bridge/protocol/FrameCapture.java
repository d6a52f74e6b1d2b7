package dev.sparring.bridge.protocol;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link FrameHandler} for tests that keeps a copy of every frame delivered.
 */
final class FrameCapture implements FrameHandler {
    /**
     * One delivered frame.
     *
     * @param type     message type.
     * @param sequence sequence number.
     * @param payload  a copy of the payload.
     */
    record Frame(int type, int sequence, UnsafeBuffer payload) {
    }

    final List<Frame> frames = new ArrayList<>();

    @Override
    public void onFrame(final int type, final int sequence, final DirectBuffer buffer, final int payloadOffset,
        final int payloadLength) {
        final byte[] payload = new byte[payloadLength];
        buffer.getBytes(payloadOffset, payload);
        frames.add(new Frame(type, sequence, new UnsafeBuffer(payload)));
    }

    Frame only() {
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames.size());
        }
        return frames.get(0);
    }
}
