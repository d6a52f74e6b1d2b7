package dev.sparring.controller.cli;

import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.SyncPolicy;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Command-line options of the experience log; none of them given means no log.
 */
final class LogOptions {
    @Option(names = "--log", paramLabel = "DIR",
        description = "Record every tick into this robot's Chronicle queue directory (created when missing); a "
            + "damaged queue is refused before the loop starts.")
    private Path directory;

    @Option(names = "--log-sync", defaultValue = "NONE", paramLabel = "POLICY",
        description = "When records are forced to disk: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private SyncPolicy sync;

    @Option(names = "--log-sync-ms", paramLabel = "<ms>",
        defaultValue = "1000", description = "Period of --log-sync PERIODIC (ms; default ${DEFAULT-VALUE}).")
    private long syncPeriodMs;

    @Option(names = "--log-max-gib", paramLabel = "<GiB>",
        defaultValue = "0", description = "Keep at most this many GiB (0: no limit; default ${DEFAULT-VALUE}); "
        + "deletes records the fleet receiver has not acknowledged only when over it, and says so.")
    private double maxGiB;

    @Option(names = "--log-max-days", paramLabel = "<days>",
        defaultValue = "0", description = "Keep at most this many days (0: no limit; default ${DEFAULT-VALUE}); "
        + "never deletes records the fleet receiver has not acknowledged (shipped.ack).")
    private int maxDays;

    @Option(names = "--log-continue-after-damage",
        description = "When the --log queue is damaged (truncated, overwritten, a foreign .cq4 file), write the new "
            + "records into a new cycle file after the damage instead of refusing to start.")
    private boolean continueAfterDamage;

    /**
     * @return the log's settings, or null when {@code --log} was not given.
     */
    ExperienceLogConfig config() {
        if (directory == null) {
            return null;
        }
        return ExperienceLogConfig.defaults(directory).withRetention(maxGiB, maxDays).withSync(sync, syncPeriodMs)
            .withContinueAfterDamage(continueAfterDamage);
    }
}
