package dev.sparring.trainer.colearn.fleet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * How a fleet run's robots' experience logs reach their supervisors: read where the robots write them
 * ({@link Local}), or moved over Aeron by the fleet transport into each supervisor's copies
 * ({@link AeronLogTransport}). The transport changes where the records live, never which records the learners see.
 */
interface LogTransport extends AutoCloseable {
    /**
     * Connects a robot's log to its supervisor.
     *
     * @param robot        the robot's name.
     * @param logDirectory where the robot writes its log (the log exists).
     * @param written      the records the robot's log holds so far.
     * @param supervisor   the supervisor that reads it.
     * @return where the supervisor reads the robot's log.
     * @throws IOException when a directory cannot be made.
     */
    Path attach(String robot, Path logDirectory, LongSupplier written, int supervisor) throws IOException;

    /**
     * Returns when every record the attached logs hold so far is readable where {@link #attach} said.
     *
     * @throws IllegalStateException when the records did not arrive in time (the reason named).
     */
    void deliver();

    @Override
    void close();

    /** The supervisors read the robots' own logs: nothing moves. */
    final class Local implements LogTransport {
        @Override
        public Path attach(final String robot, final Path logDirectory, final LongSupplier written,
            final int supervisor) {
            return logDirectory;
        }

        @Override
        public void deliver() {
        }

        @Override
        public void close() {
        }
    }
}
