package dev.sparring.fleet;

import io.aeron.ExclusivePublication;

/**
 * The receiver's state for one robot: its copy, what it has persisted and acknowledged, the route back to its
 * shipper, and its counters.
 */
public final class RobotStream {
    private final String name;
    private final byte[] nameBytes;
    private final boolean allowed;
    RobotLogCopy copy;
    ExclusivePublication reply;
    String replyChannel;
    int replyStreamId;
    long persistedIndex = FleetMessageFlyweight.NULL_INDEX;
    boolean dirty;
    boolean ackPending;
    boolean rewindPending;
    long rewindAtNs;
    boolean rewindSent;
    boolean connected;
    int session;
    byte[] policy;
    int policyLength;
    long policySequence;
    int policySentBytes;
    boolean policyAcked;
    long policiesDelivered;
    long unauthenticated;
    long appended;
    long duplicates;
    long outOfSequence;
    long refused;
    String problem;

    RobotStream(final String name, final boolean allowed) {
        this.name = name;
        this.nameBytes = RobotName.encode(name);
        this.allowed = allowed;
    }

    byte[] nameBytes() {
        return nameBytes;
    }

    /**
     * @return the robot's name.
     */
    public String name() {
        return name;
    }

    /**
     * @return whether the allow-list lets it in.
     */
    public boolean allowed() {
        return allowed;
    }

    /**
     * @return records appended to its copy by this receiver.
     */
    public long appended() {
        return appended;
    }

    /**
     * @return records dropped because the copy already held them.
     */
    public long duplicates() {
        return duplicates;
    }

    /**
     * @return records dropped because they did not follow the copy's last record (a gap: a REWIND was asked for).
     */
    public long outOfSequence() {
        return outOfSequence;
    }

    /**
     * @return messages dropped because the robot is not on the allow-list.
     */
    public long refused() {
        return refused;
    }

    /**
     * @return messages dropped because they came from a session that has not proven the robot's key.
     */
    public long unauthenticated() {
        return unauthenticated;
    }

    /**
     * @return the sequence of the latest policy published to it (0: none).
     */
    public long policySequence() {
        return policySequence;
    }

    /**
     * @return whether its shipper acknowledged the latest policy published to it.
     */
    public boolean policyAcknowledged() {
        return policyAcked;
    }

    /**
     * @return policies its shipper acknowledged.
     */
    public long policiesDelivered() {
        return policiesDelivered;
    }

    /**
     * @return why its copy could not be opened (its stream is dropped), or null.
     */
    public String problem() {
        return problem;
    }

    /**
     * @return the last source index synced (and acknowledged or about to be).
     */
    public long persistedIndex() {
        return persistedIndex;
    }
}
