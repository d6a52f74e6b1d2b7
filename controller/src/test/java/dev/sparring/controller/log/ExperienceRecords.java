package dev.sparring.controller.log;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Test fixture: a ring buffer as the control thread would fill it, and records whose every field derives from
 * (episode, step) so a reader can check them exactly.
 */
final class ExperienceRecords {
    static final int OBSERVATIONS = 17;
    static final int ACTIONS = 6;
    static final int ADVERSARY = 2;
    static final long ROBOT_ID = 42;
    static final long STEP_PERIOD_NS = 1_000_000;

    private final ExperienceRecordFlyweight flyweight = new ExperienceRecordFlyweight();

    static RingBuffer newRing(final int capacity) {
        return new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    static long timestampNs(final long episode, final long step) {
        return 1_000_000_000L + (episode * 10_000 + step) * STEP_PERIOD_NS;
    }

    /**
     * Offers one record as the recorder does: claim, write through the flyweight, commit.
     *
     * @return false when the ring is full.
     */
    boolean offer(final RingBuffer ring, final RecordType type, final long episode, final long step) {
        final int adversary = type == RecordType.STEP ? ADVERSARY : 0;
        final int observations = type == RecordType.STEP ? OBSERVATIONS : 0;
        final int actions = type == RecordType.STEP ? ACTIONS : 0;
        final int length = ExperienceRecordFlyweight.length(observations, actions, adversary);
        final int index = ring.tryClaim(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, length);
        if (index <= 0) {
            return false;
        }
        fill(ring.buffer(), index, type, episode, step, observations, actions, adversary);
        ring.commit(index);
        return true;
    }

    void fill(final MutableDirectBuffer buffer, final int index, final RecordType type, final long episode,
        final long step, final int observations, final int actions, final int adversary) {
        final int flags = type == RecordType.EPISODE_END ? ExperienceRecordFlyweight.FLAG_TERMINAL : 0;
        flyweight.wrap(buffer, index).header(type, flags, observations, actions, adversary)
            .policyVersion(3).robotId(ROBOT_ID).episodeId(episode).stepIndex(step)
            .timestampNs(timestampNs(episode, step)).policyId(7).reward(step * 0.5).logProbability(-1.25);
        for (int i = 0; i < observations; i++) {
            flyweight.observation(i, episode + step * 0.001 + i);
        }
        for (int i = 0; i < actions; i++) {
            flyweight.action(i, -step - i);
        }
        for (int i = 0; i < adversary; i++) {
            flyweight.adversary(i, step * 2.0 + i);
        }
        flyweight.seal();
    }

    /**
     * @return null when the record matches what {@link #offer} wrote, else what differs.
     */
    static String mismatch(final ExperienceRecordFlyweight r) {
        final long episode = r.episodeId();
        final long step = r.stepIndex();
        if (r.formatVersion() != ExperienceRecordFlyweight.FORMAT_VERSION || r.robotId() != ROBOT_ID
            || r.policyVersion() != 3 || r.policyId() != 7 || r.timestampNs() != timestampNs(episode, step)
            || r.reward() != (float) (step * 0.5) || r.logProbability() != -1.25f) {
            return "header of episode " + episode + " step " + step;
        }
        for (int i = 0; i < r.observationCount(); i++) {
            if (r.observation(i) != (float) (episode + step * 0.001 + i)) {
                return "observation " + i + " of step " + step;
            }
        }
        for (int i = 0; i < r.actionCount(); i++) {
            if (r.action(i) != (float) (-step - i)) {
                return "action " + i + " of step " + step;
            }
        }
        for (int i = 0; i < r.adversaryCount(); i++) {
            if (r.adversary(i) != (float) (step * 2.0 + i)) {
                return "adversary " + i + " of step " + step;
            }
        }
        return null;
    }
}
