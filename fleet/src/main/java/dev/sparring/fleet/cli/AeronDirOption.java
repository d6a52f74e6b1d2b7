package dev.sparring.fleet.cli;

import dev.sparring.fleet.FleetAeron;

import picocli.CommandLine.Option;

/**
 * The {@code --aeron-dir} option of every command that talks Aeron: a media driver already running in a directory,
 * or (without it) one embedded in the command's process.
 */
public final class AeronDirOption {
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Use the media driver running in DIR instead of an embedded one.")
    private String aeronDir;

    /**
     * @param role the command, naming an embedded driver's directory ({@link FleetAeron#embeddedDirectory}).
     * @return a client of the driver in {@code --aeron-dir}, or of a newly embedded one.
     */
    public FleetAeron connect(final String role) {
        return FleetAeron.connect(aeronDir, role);
    }
}
