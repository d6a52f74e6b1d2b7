package dev.sparring.trainer.colearn;

import dev.sparring.controller.log.ExperienceLogException;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecordHandler;
import dev.sparring.controller.log.RecordType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fidelity of the context features on real experience logs ({@code sparring fleet fidelity}): for each window of
 * the logs, the correlation over robot pairs of the model divergence m with the context distance D_C
 * ({@link ContextFidelity}), and pooled over the windows. Each log is read through {@link RobotLogFollower}, as a
 * supervisor reads it. Logs are grouped by the observation and action layout of their first step; robots of different
 * layouts are never compared, each layout is a section of its own. Windows are counted from each log's first record,
 * since robots' monotonic clocks share no origin. A robot is left out, and the report says why: for the whole run when
 * its log is missing, not a log, or holds no steps; for a window when its log is damaged there (with a warning), holds
 * steps of another layout there, or holds too few tuples to fit the models.
 */
public final class LogFidelityReport {
    /** The most steps of one robot's window that are used; later ones are counted in a warning. */
    public static final int MAX_WINDOW_STEPS = 1 << 20;

    private final List<RobotLog> logs = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final long windowNs;

    /**
     * One robot's log as scanned: its layout, the timestamps of its first record and last step, the most steps one
     * window of it holds, or why it is not usable at all.
     */
    private record RobotLog(String name, Path directory, int observationSize, int actionSize, long firstNs,
                            long lastNs, int capacity, String problem) {
        static RobotLog unusable(final String name, final Path directory, final String problem) {
            return new RobotLog(name, directory, 0, 0, 0, 0, 0, problem);
        }

        String layout() {
            return observationSize + " observation" + (observationSize == 1 ? "" : "s") + ", " + actionSize
                + " action" + (actionSize == 1 ? "" : "s");
        }
    }

    private LogFidelityReport(final long windowNs) {
        this.windowNs = windowNs;
    }

    /**
     * Finds and scans the logs; read no further until {@link #markdown()}.
     *
     * @param paths    robots' log directories (Chronicle queues), or directories whose subdirectories are.
     * @param windowNs the window length in the logs' clock, or 0 for the whole log as one window.
     * @return the report, its logs scanned.
     */
    public static LogFidelityReport scan(final List<Path> paths, final long windowNs) {
        if (windowNs < 0) {
            throw new IllegalArgumentException("windowNs must be >= 0 (0: the whole log), was " + windowNs);
        }
        final LogFidelityReport report = new LogFidelityReport(windowNs);
        final Set<String> names = new HashSet<>();
        for (final Path path : paths) {
            for (final Path directory : logDirectories(path)) {
                final String fileName = directory.getFileName() == null ? directory.toString()
                    : directory.getFileName().toString();
                final String name = names.add(fileName) ? fileName : directory.toString();
                names.add(name);
                report.logs.add(report.scanLog(name, directory));
            }
        }
        return report;
    }

    /**
     * @return how many logs hold steps (the others are left out whole).
     */
    public int usableLogs() {
        int count = 0;
        for (final RobotLog log : logs) {
            count += log.problem() == null ? 1 : 0;
        }
        return count;
    }

    /**
     * @return how many log directories were found, usable or not.
     */
    public int logs() {
        return logs.size();
    }

    /**
     * Reads the logs window by window and writes the report: per layout, a table of the windows (robots with
     * features, pairs, Pearson and Spearman of m with D_C, the robots left out and why) and the pooled row; then the
     * logs left out whole and the warnings.
     *
     * @return the report's markdown.
     */
    public String markdown() {
        final StringBuilder md = new StringBuilder("# Context-feature fidelity from logs\n\n");
        md.append("Correlation over robot pairs of the estimated model divergence m (Algorithm 1) with the context "
            + "distance D_C, ");
        md.append(windowNs == 0 ? "the whole log as one window"
            : String.format(Locale.ROOT, "per window of %s s counted from each log's first record", seconds(windowNs)));
        md.append(String.format(Locale.ROOT, "; %d log%s, %d usable.%n", logs.size(), logs.size() == 1 ? "" : "s",
            usableLogs()));
        final Map<String, List<RobotLog>> layouts = new LinkedHashMap<>();
        for (final RobotLog log : logs) {
            if (log.problem() == null) {
                layouts.computeIfAbsent(log.layout(), key -> new ArrayList<>()).add(log);
            }
        }
        if (layouts.size() > 1) {
            md.append("\nRobots of ").append(layouts.size()).append(" layouts: each layout is reported on its own, "
                + "robots of different layouts are never compared.\n");
        }
        for (final Map.Entry<String, List<RobotLog>> layout : layouts.entrySet()) {
            layoutSection(layout.getKey(), layout.getValue(), md);
        }
        boolean header = false;
        for (final RobotLog log : logs) {
            if (log.problem() != null) {
                if (!header) {
                    md.append("\n## Left out\n\n");
                    header = true;
                }
                md.append("- ").append(log.name()).append(": ").append(log.problem()).append('\n');
            }
        }
        if (!warnings.isEmpty()) {
            md.append("\n## Warnings\n\n");
            for (final String warning : warnings) {
                md.append("- ").append(warning).append('\n');
            }
        }
        return md.toString();
    }

    private void layoutSection(final String layout, final List<RobotLog> robots, final StringBuilder md) {
        final int n = robots.size();
        md.append("\n## ").append(layout).append(": ").append(n).append(" robot").append(n == 1 ? "" : "s")
            .append("\n\n| window | robots | pairs | Pearson | Spearman | left out |\n|---|---|---|---|---|---|\n");
        long windows = 1;
        if (windowNs > 0) {
            for (final RobotLog log : robots) {
                windows = Math.max(windows, (log.lastNs() - log.firstNs()) / windowNs + 1);
            }
        }
        final RobotLogFollower[] followers = new RobotLogFollower[n];
        final LoggedWindow[] loggedWindows = new LoggedWindow[n];
        final List<ContextFidelity> perWindow = new ArrayList<>();
        final boolean[] everCompared = new boolean[n];
        try {
            for (int i = 0; i < n; i++) {
                final RobotLog log = robots.get(i);
                followers[i] = RobotLogFollower.open(log.name(), log.directory(),
                    error -> warnings.add(log.name() + ": " + error.getMessage()));
                loggedWindows[i] = new LoggedWindow(log.capacity(), log.observationSize(), log.actionSize());
            }
            final ContextFeatureExtractor extractor = new LinearGaussianContextFeatures();
            for (long w = 0; w < windows; w++) {
                final String[] leftOut = new String[n];
                final TransitionWindow[] transitions = new TransitionWindow[n];
                int usable = 0;
                for (int i = 0; i < n; i++) {
                    final RobotLog log = robots.get(i);
                    final long endNs = windowNs == 0 ? Long.MAX_VALUE : log.firstNs() + (w + 1) * windowNs;
                    final LoggedWindow window = followers[i].readUntil(endNs, loggedWindows[i]);
                    if (window.stepsOverCapacity() > 0) {
                        warnings.add(log.name() + ": window " + w + " holds " + window.stepsOverCapacity()
                            + " steps beyond the first " + window.capacity() + ", which alone are used");
                    }
                    if (window.problem() != null) {
                        leftOut[i] = window.problem();
                    } else {
                        transitions[i] = window.transitions();
                        usable++;
                    }
                }
                final int[] withData = new int[usable];
                final TransitionWindow[] data = new TransitionWindow[usable];
                for (int i = 0, at = 0; i < n; i++) {
                    if (transitions[i] != null) {
                        withData[at] = i;
                        data[at++] = transitions[i];
                    }
                }
                final ContextFeatures features = ContextFeatures.extract(extractor, data);
                final int[] robotsWithFeatures = features.sufficientRobots();
                final double[][] v = new double[robotsWithFeatures.length][];
                for (int j = 0; j < v.length; j++) {
                    v[j] = features.features()[robotsWithFeatures[j]];
                    everCompared[withData[robotsWithFeatures[j]]] = true;
                }
                for (int j = 0; j < usable; j++) {
                    if (!features.sufficient(j)) {
                        leftOut[withData[j]] = features.insufficient()[j];
                    }
                }
                final TransitionWindow[] compared = new TransitionWindow[v.length];
                final int[] order = new int[v.length];
                for (int j = 0; j < v.length; j++) {
                    compared[j] = data[robotsWithFeatures[j]];
                    order[j] = j;
                }
                final ContextFidelity fidelity = ContextFidelity.of(compared, order,
                    ContextDistance.normalisedEuclidean(v));
                perWindow.add(fidelity);
                row(md, Long.toString(w), v.length, fidelity, leftOut(robots, leftOut));
            }
        } finally {
            for (final RobotLogFollower follower : followers) {
                if (follower != null) {
                    follower.close();
                }
            }
        }
        int compared = 0;
        for (final boolean c : everCompared) {
            compared += c ? 1 : 0;
        }
        row(md, "all", compared, ContextFidelity.pooled(perWindow), "pooled over " + windows + " window"
            + (windows == 1 ? "" : "s"));
    }

    private static void row(final StringBuilder md, final String window, final int robots,
                            final ContextFidelity fidelity, final String leftOut) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s |%n", window, robots, fidelity.pairs(),
            correlation(fidelity.pearson()), correlation(fidelity.spearman()), leftOut));
    }

    private static String leftOut(final List<RobotLog> robots, final String[] reasons) {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < reasons.length; i++) {
            if (reasons[i] != null) {
                text.append(text.isEmpty() ? "" : "; ").append(robots.get(i).name()).append(": ")
                    .append(reasons[i].replace('|', '/'));
            }
        }
        return text.isEmpty() ? "—" : text.toString();
    }

    private static String correlation(final double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String seconds(final long ns) {
        return String.format(Locale.ROOT, "%.6g", ns / 1e9).replaceAll("\\.?0+$", "");
    }

    /** A log directory itself, or its subdirectories when it is not one (sorted by name). */
    private static List<Path> logDirectories(final Path path) {
        if (!Files.isDirectory(path) || isLog(path)) {
            return List.of(path);
        }
        try (Stream<Path> children = Files.list(path)) {
            final List<Path> directories = children.filter(Files::isDirectory).sorted().toList();
            return directories.isEmpty() ? List.of(path) : directories;
        } catch (final IOException e) {
            return List.of(path);
        }
    }

    private static boolean isLog(final Path directory) {
        try {
            ExperienceLogReader.open(directory, error -> { }).close();
            return true;
        } catch (final ExperienceLogException e) {
            return false;
        }
    }

    /** Reads a log once for its layout (its first step's), time span and largest window. */
    private RobotLog scanLog(final String name, final Path directory) {
        if (!Files.exists(directory)) {
            return RobotLog.unusable(name, directory, "missing: " + directory + " does not exist");
        }
        final Scan scan = new Scan(windowNs);
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, error -> { })) {
            while (reader.poll(scan, 1024) > 0) {
                // the scan keeps what it needs
            }
            if (scan.steps == 0) {
                return RobotLog.unusable(name, directory, "holds no steps" + (reader.damageCount() == 0 ? ""
                    : " (its log is damaged in " + reader.damageCount() + " place(s))"));
            }
        } catch (final ExperienceLogException | UncheckedIOException e) {
            return RobotLog.unusable(name, directory, "not readable: " + e.getMessage());
        }
        if (scan.observationSize < 1 || scan.actionSize < 1) {
            return RobotLog.unusable(name, directory, "its steps hold " + scan.observationSize + " observations and "
                + scan.actionSize + " actions; a model needs at least one of each");
        }
        return new RobotLog(name, directory, scan.observationSize, scan.actionSize, scan.firstNs, scan.lastNs,
            (int) Math.min(MAX_WINDOW_STEPS, Math.max(1, scan.mostInWindow)), null);
    }

    /** What one pass over a log finds. */
    private static final class Scan implements ExperienceRecordHandler {
        private final long windowNs;
        private long firstNs = Long.MIN_VALUE;
        private long lastNs;
        private long steps;
        private int observationSize = -1;
        private int actionSize = -1;
        private long window = -1;
        private long inWindow;
        private long mostInWindow;

        Scan(final long windowNs) {
            this.windowNs = windowNs;
        }

        @Override
        public void onRecord(final ExperienceRecordFlyweight record) {
            final long t = record.timestampNs();
            if (firstNs == Long.MIN_VALUE) {
                firstNs = t;
            }
            if (record.type() != RecordType.STEP) {
                return;
            }
            lastNs = t;
            if (steps++ == 0) {
                observationSize = record.observationCount();
                actionSize = record.actionCount();
            }
            final long w = windowNs == 0 ? 0 : (t - firstNs) / windowNs;
            inWindow = w == window ? inWindow + 1 : 1;
            window = w;
            mostInWindow = Math.max(mostInWindow, inWindow);
        }
    }
}
