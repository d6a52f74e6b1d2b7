package dev.sparring.bridge.link;

/** What a {@link BridgeLink} has counted since it opened; plain fields, read off the control thread for reports. */
public final class LinkCounters {
    long bytesIn;
    long bytesOut;
    long framesIn;
    long commandsSent;
    long commandsAcknowledged;
    long commandsUnacknowledged;
    long unexpectedAcknowledgements;
    long crcErrors;
    long cobsErrors;
    long oversizeFrames;
    long malformedFrames;
    long sequenceGaps;
    long unexpectedFrames;
    long shortWrites;
    long faults;
    long restarts;

    /** @return bytes read. */
    public long bytesIn() {
        return bytesIn;
    }

    /** @return bytes written. */
    public long bytesOut() {
        return bytesOut;
    }

    /** @return valid frames received. */
    public long framesIn() {
        return framesIn;
    }

    /** @return COMMAND frames sent. */
    public long commandsSent() {
        return commandsSent;
    }

    /** @return commands a STATE acknowledged as applied, in the order they were sent. */
    public long commandsAcknowledged() {
        return commandsAcknowledged;
    }

    /** @return commands passed over by a later acknowledgement: lost on the way, or refused. */
    public long commandsUnacknowledged() {
        return commandsUnacknowledged;
    }

    /** @return acknowledgements of a sequence number no outstanding command had. */
    public long unexpectedAcknowledgements() {
        return unexpectedAcknowledgements;
    }

    /** @return frames dropped for a wrong CRC. */
    public long crcErrors() {
        return crcErrors;
    }

    /** @return frames dropped as invalid COBS. */
    public long cobsErrors() {
        return cobsErrors;
    }

    /** @return frames dropped as too long. */
    public long oversizeFrames() {
        return oversizeFrames;
    }

    /** @return frames dropped for a bad header or length. */
    public long malformedFrames() {
        return malformedFrames;
    }

    /** @return frames of the firmware missing from the sequence. */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** @return valid frames of a type the host never expects. */
    public long unexpectedFrames() {
        return unexpectedFrames;
    }

    /** @return writes the port took only in part (its buffer full). */
    public long shortWrites() {
        return shortWrites;
    }

    /** @return FAULT frames received. */
    public long faults() {
        return faults;
    }

    /** @return firmware restarts detected. */
    public long restarts() {
        return restarts;
    }

    /** @return every received frame lost or damaged: CRC, COBS, oversize, malformed, gaps. */
    public long linkErrors() {
        return crcErrors + cobsErrors + oversizeFrames + malformedFrames + sequenceGaps;
    }
}
