package dev.sparring.trainer.cli;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.report.ComparisonReport;
import dev.sparring.trainer.report.ExperimentData;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparring report}: a markdown comparison of trained and evaluated experiments, each method against the
 * baseline, with Welch's t-tests, bootstrap intervals and plots ({@link ComparisonReport}).
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compare the methods of experiments that train and eval wrote: final training returns, every "
        + "evaluated condition with Welch's t-test and a bootstrap interval, learning-curve, percentile and 1-D "
        + "robustness plots, as markdown.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--run", paramLabel = "<run-dir>",
        required = true, description = "An experiment directory (from train, evaluated by "
        + "eval into it or its eval*/ directories); repeat for several.")
    private List<Path> runs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "<report.md>",
        description = "The markdown file; plots go to <name>-plots/ beside it (default with one "
        + "--run: DIR/report.md).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (out == null && runs.size() > 1) {
            throw new ConfigException("--out FILE.md is needed with more than one --run");
        }
        final List<ExperimentData> experiments = new ArrayList<>();
        for (final Path run : runs) {
            experiments.add(ExperimentData.read(run));
        }
        final ComparisonReport.Written written = ComparisonReport.write(experiments,
            out != null ? out : runs.getFirst().resolve("report.md"));
        final PrintWriter console = spec.commandLine().getOut();
        for (final String note : written.notes()) {
            console.println("note: " + note);
        }
        console.println("wrote " + written.markdown() + " and " + written.plotCount() + " plots in "
            + written.plots());
        return 0;
    }
}
