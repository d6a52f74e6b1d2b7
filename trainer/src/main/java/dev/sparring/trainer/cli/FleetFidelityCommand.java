package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.trainer.colearn.LogFidelityReport;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring fleet fidelity}: the context features' fidelity on a set of real experience logs, the correlation
 * over robot pairs of the model divergence m with the context distance D_C, per window and pooled
 * ({@link LogFidelityReport}); printed as markdown, and written to a file when asked.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Context-feature fidelity of a set of robots' experience logs: Pearson and Spearman correlation of "
        + "the model divergence m with the context distance D_C over robot pairs, per window and overall.")
final class FleetFidelityCommand implements Callable<Integer> {
    private static final double MAX_WINDOW_S = 1e9;

    @Spec
    private CommandSpec spec;

    @Option(names = "--logs", arity = "1..*", required = true, paramLabel = "DIR", description = "Robots' experience "
        + "logs (Chronicle queue directories), or directories whose subdirectories are (e.g. the logs/ of a "
        + "'fleet train --keep-logs' run).")
    private List<Path> logs;

    @Option(names = "--window-s", paramLabel = "SECONDS", description = "Window length, by record timestamps from "
        + "each log's first record (default: the whole log as one window).")
    private Double windowS;

    @Option(names = "--whole", description = "The whole log as one window (the default).")
    private boolean whole;

    @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the report to this markdown file.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        OptionChecks.require(spec, windowS == null || !whole, "--window-s and --whole exclude each other: give one");
        final long windowNs = windowS == null ? 0 : Math.round(1e9 * OptionChecks.inRange(spec, "--window-s",
            windowS, 1e-6, MAX_WINDOW_S));
        final long startNs = System.nanoTime();
        final LogFidelityReport report = LogFidelityReport.scan(logs, windowNs);
        OptionChecks.require(spec, report.usableLogs() > 0, "--logs: no experience log with steps in " + logs
            + "; give robots' log directories (Chronicle queues) or directories holding them\n"
            + report.markdown());
        final String markdown = report.markdown();
        final PrintWriter console = spec.commandLine().getOut();
        console.print(markdown);
        if (out != null) {
            final Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
            console.printf(Locale.ROOT, "wrote %s ", out);
        }
        console.printf(Locale.ROOT, "(%d logs read in %.1f s)%n", report.logs(), (System.nanoTime() - startNs) / 1e9);
        return 0;
    }
}
