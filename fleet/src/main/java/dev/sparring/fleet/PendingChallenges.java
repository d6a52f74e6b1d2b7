package dev.sparring.fleet;

import io.aeron.ExclusivePublication;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The receiver's open challenges: one per Aeron session that said HELLO under a listed robot's name and has not yet
 * proven the robot's key. Each holds a publication back to its session, so they are bounded: at most
 * {@link #MAX_PER_ROBOT} per robot (a new one closes that robot's oldest, said once per robot) and none older than
 * the receiver's challenge timeout ({@link #expire}). A real shipper that lost its challenge says HELLO again and gets
 * a new one.
 */
final class PendingChallenges implements AutoCloseable {
    /** The most sessions that may be proving one robot's key at once (a restarting robot briefly has two). */
    static final int MAX_PER_ROBOT = 4;

    /**
     * A session asked to prove the robot's key: its nonce and its route back, until its PROOF comes.
     *
     * @param robot         the robot it says it is.
     * @param nonce         what it must sign.
     * @param reply         the publication back to it.
     * @param replyChannel  that publication's channel.
     * @param replyStreamId that publication's stream.
     * @param firstIndex    the first record index its HELLO announced.
     * @param issuedAtNs    when the challenge was made.
     */
    record Challenge(RobotStream robot, byte[] nonce, ExclusivePublication reply, String replyChannel,
        int replyStreamId, long firstIndex, long issuedAtNs) {
    }

    private final Int2ObjectHashMap<Challenge> bySession = new Int2ObjectHashMap<>();
    private final Set<String> crowdedRobotsReported = new HashSet<>();
    private final long timeoutNs;
    private final Consumer<String> notices;
    private long dropped;

    /**
     * @param timeoutNs how long a challenge waits for its PROOF (a shipper answers within a round trip).
     * @param notices   told once per robot when more than {@link #MAX_PER_ROBOT} sessions ask to be it.
     */
    PendingChallenges(final long timeoutNs, final Consumer<String> notices) {
        this.timeoutNs = timeoutNs;
        this.notices = notices;
    }

    /**
     * @param sessionId the Aeron session.
     * @return its challenge, or null.
     */
    Challenge get(final int sessionId) {
        return bySession.get(sessionId);
    }

    /**
     * Adds a challenge, closing the session's previous one and, when its robot already has {@link #MAX_PER_ROBOT},
     * the robot's oldest.
     *
     * @param sessionId the Aeron session.
     * @param challenge its new challenge.
     * @param source    where the session's messages come from, for the notice.
     */
    void add(final int sessionId, final Challenge challenge, final String source) {
        close(bySession.remove(sessionId));
        final RobotStream robot = challenge.robot();
        int sameRobot = 0;
        int oldestSession = 0;
        long oldestNs = Long.MAX_VALUE;
        for (final Int2ObjectHashMap<Challenge>.EntryIterator it = bySession.entrySet().iterator(); it.hasNext(); ) {
            it.next();
            final Challenge other = it.getValue();
            if (other.robot() == robot) {
                sameRobot++;
                if (other.issuedAtNs() - oldestNs < 0 || sameRobot == 1) {
                    oldestNs = other.issuedAtNs();
                    oldestSession = it.getIntKey();
                }
            }
        }
        if (sameRobot >= MAX_PER_ROBOT) {
            close(bySession.remove(oldestSession));
            if (crowdedRobotsReported.add(robot.name())) {
                notices.accept("robot '" + robot.name() + "': more than " + MAX_PER_ROBOT + " sessions are asking to "
                    + "be it at once (the latest from " + source + "); the oldest challenge is dropped each time. If "
                    + "only one robot has this name, someone else is saying HELLO under it");
            }
        }
        bySession.put(sessionId, challenge);
    }

    /**
     * Removes a session's challenge without closing its publication (the caller takes it over or closes it).
     *
     * @param sessionId the Aeron session.
     * @return its challenge, or null.
     */
    Challenge take(final int sessionId) {
        return bySession.remove(sessionId);
    }

    /**
     * Closes and removes the challenges made more than the timeout before now.
     *
     * @param nowNs the receiver's clock.
     * @return how many expired.
     */
    int expire(final long nowNs) {
        int expired = 0;
        for (final Int2ObjectHashMap<Challenge>.ValueIterator it = bySession.values().iterator(); it.hasNext(); ) {
            final Challenge challenge = it.next();
            if (nowNs - challenge.issuedAtNs() - timeoutNs > 0) {
                it.remove();
                close(challenge);
                expired++;
            }
        }
        return expired;
    }

    /**
     * @return the challenges open now.
     */
    int size() {
        return bySession.size();
    }

    /**
     * @return the challenges closed before their PROOF came (too many for one robot, or expired).
     */
    long dropped() {
        return dropped;
    }

    private void close(final Challenge challenge) {
        if (challenge != null) {
            challenge.reply().close();
            dropped++;
        }
    }

    @Override
    public void close() {
        for (final Int2ObjectHashMap<Challenge>.ValueIterator it = bySession.values().iterator(); it.hasNext(); ) {
            it.next().reply().close();
        }
        bySession.clear();
    }
}
