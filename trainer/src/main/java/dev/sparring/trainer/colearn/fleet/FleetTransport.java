package dev.sparring.trainer.colearn.fleet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a fleet run's supervisors read the robots' experience logs: {@code local}, the robots' own logs on this
 * machine; {@code aeron}, copies the fleet transport moved over Aeron UDP (loopback), as on a fleet spread over
 * machines. Both give the learners the same records.
 */
public enum FleetTransport {
    /** The robots' own logs. */
    LOCAL,
    /** Copies shipped over Aeron. */
    AERON;

    /**
     * @param text {@code local} or {@code aeron}, any case.
     * @return the transport.
     * @throws IllegalArgumentException naming the choices.
     */
    public static FleetTransport parse(final String text) {
        for (final FleetTransport transport : values()) {
            if (transport.label().equalsIgnoreCase(text.strip())) {
                return transport;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "': use local or aeron");
    }

    /**
     * @return the name the command line uses.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    LogTransport open(final Path runDirectory, final int supervisors) throws IOException {
        return this == LOCAL ? new LogTransport.Local() : new AeronLogTransport(runDirectory, supervisors);
    }
}
