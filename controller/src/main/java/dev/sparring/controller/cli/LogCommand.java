package dev.sparring.controller.cli;

import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecordHandler;
import dev.sparring.controller.log.LogDamage;
import dev.sparring.controller.log.RecordType;
import dev.sparring.hal.io.CsvNumbers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparring log}: look at a robot's experience log. Both subcommands read through the one
 * {@link ExperienceLogReader}, so they agree on what is readable, and end with the same damage report (each place:
 * cycle file, byte position, what, bytes and records skipped). Exit code 0 for an intact log, {@value #EXIT_DAMAGED}
 * when damage was found (the output is complete nonetheless); a directory that is not a log is reported as an
 * {@link IOException} (one line, exit code 2, through {@link SparringCli}).
 */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Inspect and export experience logs.",
    subcommands = {LogCommand.Inspect.class, LogCommand.Export.class})
final class LogCommand {
    /** Exit code when the log is damaged (everything readable was still read and reported). */
    static final int EXIT_DAMAGED = 1;
    private static final int POLL_LIMIT = 1024;

    private static ExperienceLogReader open(final Path directory) throws IOException {
        try {
            return ExperienceLogReader.open(directory, damage -> { });
        } catch (final ExperienceLogException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Reads from the reader's position to the end of the log.
     *
     * @return records handed to the handler.
     */
    private static long readAll(final ExperienceLogReader reader, final ExperienceRecordHandler handler)
        throws IOException {
        try {
            long total = 0;
            int n;
            while ((n = reader.poll(handler, POLL_LIMIT)) > 0) {
                total += n;
            }
            return total;
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Prints the reader's damage report.
     *
     * @return the exit code: 0 intact, {@link #EXIT_DAMAGED} damaged.
     */
    private static int reportDamage(final PrintWriter out, final ExperienceLogReader reader) {
        if (!reader.isDamaged()) {
            out.println("  damage: none");
            return 0;
        }
        out.println("  DAMAGED at " + reader.damageCount() + (reader.damageCount() == 1 ? " place: " : " places: ")
            + reader.recordsSkipped() + (reader.recordsSkipped() == 1 ? " record and " : " records and ")
            + reader.bytesSkipped() + " bytes skipped; everything else was read");
        for (final LogDamage damage : reader.damage()) {
            out.println("  damage: " + damage);
        }
        if (reader.damageCount() > reader.damage().size()) {
            out.println("  damage: " + (reader.damageCount() - reader.damage().size()) + " more places not listed");
        }
        return EXIT_DAMAGED;
    }

    /** {@code sparring log inspect}: robots, episodes, records, time span, drops and policy versions of a log. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a log's robots, episodes, records by type, time span, drops and policy versions.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The experience log (queue directory).")
        private Path directory;

        private final TreeSet<Long> robots = new TreeSet<>();
        private final TreeSet<Long> episodes = new TreeSet<>();
        private final TreeSet<String> policies = new TreeSet<>();
        private final long[] countByType = new long[RecordType.values().length];
        private long firstTimestampNs = Long.MAX_VALUE;
        private long lastTimestampNs = Long.MIN_VALUE;
        private long dropped;

        @Override
        public Integer call() throws IOException {
            final PrintWriter out = spec.commandLine().getOut();
            try (ExperienceLogReader reader = open(directory)) {
                final long total = readAll(reader, this::count);
                out.println(directory + ": " + total + " records");
                for (final RecordType type : RecordType.values()) {
                    out.println("  " + type + ": " + countByType[type.ordinal()]);
                }
                out.println("  robots: " + robots);
                out.println("  episodes: " + episodes.size()
                    + (episodes.isEmpty() ? "" : " (ids " + episodes.first() + ".." + episodes.last() + ")"));
                if (total > 0) {
                    out.println("  time span: " + firstTimestampNs + " .. " + lastTimestampNs + " ns ("
                        + String.format("%.3f", (lastTimestampNs - firstTimestampNs) / 1e9) + " s)");
                }
                out.println("  dropped (from gap records): " + dropped);
                out.println("  policies (id/version): " + policies);
                return reportDamage(out, reader);
            }
        }

        private void count(final ExperienceRecordFlyweight record) {
            final RecordType type = record.type();
            countByType[type.ordinal()]++;
            robots.add(record.robotId());
            episodes.add(record.episodeId());
            firstTimestampNs = Math.min(firstTimestampNs, record.timestampNs());
            lastTimestampNs = Math.max(lastTimestampNs, record.timestampNs());
            if (type == RecordType.GAP) {
                dropped += record.stepIndex();
            } else {
                policies.add(HexFormat.of().toHexDigits(record.policyId()) + "/" + record.policyVersion());
            }
        }
    }

    /** {@code sparring log export --csv}: one CSV row per record, vectors as numbered columns. */
    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a log as CSV: one row per record, observation/action/adversary as numbered columns.")
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--csv", paramLabel = "<file.csv>", required = true, description = "CSV file to write.")
        private Path csv;

        @Parameters(paramLabel = "DIR", description = "The experience log (queue directory).")
        private Path directory;

        private int maxObservations;
        private int maxActions;
        private int maxAdversary;
        private BufferedWriter writer;
        private final StringBuilder row = new StringBuilder();

        @Override
        public Integer call() throws IOException {
            final PrintWriter out = spec.commandLine().getOut();
            try (ExperienceLogReader reader = open(directory)) {
                readAll(reader, this::measure);
                final long total;
                try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    this.writer = writer;
                    writer.write(header());
                    reader.fromStart();
                    total = readAll(reader, this::write);
                }
                out.println("wrote " + csv + ": " + total + " records");
                return reportDamage(out, reader);
            }
        }

        private void measure(final ExperienceRecordFlyweight record) {
            maxObservations = Math.max(maxObservations, record.observationCount());
            maxActions = Math.max(maxActions, record.actionCount());
            maxAdversary = Math.max(maxAdversary, record.adversaryCount());
        }

        private String header() {
            final StringBuilder header = new StringBuilder("type,flags,robot_id,episode_id,step_index,timestamp_ns,"
                + "policy_id,policy_version,reward,log_probability");
            columns(header, "obs_", maxObservations);
            columns(header, "act_", maxActions);
            columns(header, "adv_", maxAdversary);
            return header.append('\n').toString();
        }

        private static void columns(final StringBuilder header, final String prefix, final int count) {
            for (int i = 0; i < count; i++) {
                header.append(',').append(prefix).append(i);
            }
        }

        private void write(final ExperienceRecordFlyweight record) {
            row.setLength(0);
            row.append(record.type()).append(',').append(record.flags()).append(',').append(record.robotId())
                .append(',').append(record.episodeId()).append(',').append(record.stepIndex()).append(',')
                .append(record.timestampNs()).append(',').append(record.policyId()).append(',')
                .append(record.policyVersion()).append(',').append(CsvNumbers.format(record.reward())).append(',')
                .append(CsvNumbers.format(record.logProbability()));
            for (int i = 0; i < maxObservations; i++) {
                row.append(',');
                if (i < record.observationCount()) {
                    row.append(CsvNumbers.format(record.observation(i)));
                }
            }
            for (int i = 0; i < maxActions; i++) {
                row.append(',');
                if (i < record.actionCount()) {
                    row.append(CsvNumbers.format(record.action(i)));
                }
            }
            for (int i = 0; i < maxAdversary; i++) {
                row.append(',');
                if (i < record.adversaryCount()) {
                    row.append(CsvNumbers.format(record.adversary(i)));
                }
            }
            row.append('\n');
            try {
                writer.write(row.toString());
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
