package dev.sparring.bridge.protocol;

import org.agrona.DirectBuffer;

/**
 * Receives the valid frames a {@link FrameDecoder} decodes. The buffer is the decoder's and is reused for the next
 * frame: read the payload (with a flyweight) before returning.
 */
@FunctionalInterface
public interface FrameHandler {
    /**
     * @param type          message type ({@code BridgeProtocol.HELLO} … {@code BridgeProtocol.FAULT}).
     * @param sequence      the sender's sequence number, 0..65 535.
     * @param buffer        the decoded frame.
     * @param payloadOffset the payload's first byte in buffer.
     * @param payloadLength the payload's length, the one its type and joint count require.
     */
    void onFrame(int type, int sequence, DirectBuffer buffer, int payloadOffset, int payloadLength);
}
