package dev.sparring.controller.log;

import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of the crash test: logs one step record per millisecond into the queue named by its argument and
 * prints {@code committed <step>} after each record is in the queue, until it is killed.
 */
public final class CrashLoggingMain {
    private CrashLoggingMain() {
    }

    /**
     * @param args the queue directory.
     */
    public static void main(final String[] args) {
        final RingBuffer ring = ExperienceRecords.newRing(1 << 16);
        final ExperienceRecords records = new ExperienceRecords();
        final ExperienceLoggerAgent agent = new ExperienceLoggerAgent(ExperienceLogConfig.defaults(Path.of(args[0])),
            ring, Throwable::printStackTrace, SystemNanoClock.INSTANCE);
        agent.onStart();
        final long periodNs = 1_000_000;
        long deadlineNs = System.nanoTime() + periodNs;
        for (long step = 0; ; step++) {
            records.offer(ring, RecordType.STEP, 0, step);
            agent.doWork();
            System.out.println("committed " + step);
            System.out.flush();
            long waitNs;
            while ((waitNs = deadlineNs - System.nanoTime()) > 0) {
                LockSupport.parkNanos(waitNs);
            }
            deadlineNs += periodNs;
        }
    }
}
