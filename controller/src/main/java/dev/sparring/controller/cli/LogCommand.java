package dev.sparring.controller.cli;

import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.RecordType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparring log}: look at a robot's experience log. A directory that is not a log is reported as an
 * {@link IOException} (one line, exit code 2, through {@link SparringCli}).
 */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Inspect and export experience logs.",
    subcommands = {LogCommand.Inspect.class, LogCommand.Export.class})
final class LogCommand {
    private static final int POLL_LIMIT = 1024;

    private static ExperienceLogReader open(final Path directory, final List<String> problems) throws IOException {
        try {
            return ExperienceLogReader.open(directory, e -> problems.add(e.getMessage()));
        } catch (final ExperienceLogException e) {
            throw new IOException(e.getMessage(), e);
        }
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
            final List<String> problems = new ArrayList<>();
            final PrintWriter out = spec.commandLine().getOut();
            long total = 0;
            final long skipped;
            final boolean damaged;
            try (ExperienceLogReader reader = open(directory, problems)) {
                int n;
                while ((n = reader.poll(this::count, POLL_LIMIT)) > 0) {
                    total += n;
                }
                skipped = reader.recordsSkipped();
                damaged = reader.isDamaged();
            }
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
            out.println("  skipped records: " + skipped + (damaged ? "; reading stopped at damage" : ""));
            for (final String problem : problems) {
                out.println("  problem: " + problem);
            }
            return 0;
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

        @Option(names = "--csv", required = true, description = "CSV file to write.")
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
            final List<String> problems = new ArrayList<>();
            long total = 0;
            try (ExperienceLogReader reader = open(directory, problems)) {
                int measured;
                do {
                    measured = reader.poll(this::measure, POLL_LIMIT);
                } while (measured > 0);
                try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    this.writer = writer;
                    writer.write(header());
                    int n;
                    reader.fromStart();
                    while ((n = reader.poll(this::write, POLL_LIMIT)) > 0) {
                        total += n;
                    }
                } catch (final UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            final PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + csv + ": " + total + " records");
            for (final String problem : problems) {
                out.println("  problem: " + problem);
            }
            return 0;
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
                .append(record.policyVersion()).append(',').append(record.reward()).append(',')
                .append(record.logProbability());
            for (int i = 0; i < maxObservations; i++) {
                row.append(',');
                if (i < record.observationCount()) {
                    row.append(record.observation(i));
                }
            }
            for (int i = 0; i < maxActions; i++) {
                row.append(',');
                if (i < record.actionCount()) {
                    row.append(record.action(i));
                }
            }
            for (int i = 0; i < maxAdversary; i++) {
                row.append(',');
                if (i < record.adversaryCount()) {
                    row.append(record.adversary(i));
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
