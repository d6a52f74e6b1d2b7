package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.report.ExperimentFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparring report} on synthetic experiments, and its bad input: one line, exit code 2, no stack trace. */
class ReportCommandTest {
    private final TrainerCliRun cli = new TrainerCliRun();

    @TempDir
    Path dir;

    private int run(final String... args) {
        return cli.run(args);
    }

    private void assertRefused(final String message, final String... args) {
        cli.assertRefused(message, args);
    }

    @Test
    void shouldWriteTheReportBesideTheExperimentByDefault() throws IOException {
        final Path experiment = ExperimentFixture.write(dir.resolve("ip"));

        assertEquals(0, run("report", "--run", experiment.toString()), cli::err);

        assertTrue(Files.readString(experiment.resolve("report.md")).contains("| nominal | 1100.0 ± 81.6 |"));
        assertTrue(Files.isRegularFile(experiment.resolve("report-plots/ip/learning_curves.png")));
        assertTrue(cli.out().contains("wrote " + experiment.resolve("report.md") + " and 4 plots in "), cli.out());
        assertTrue(cli.out().contains("note: ip eval: 'trained adversary' was not evaluated for every seed"),
            cli.out());
    }

    @Test
    void shouldReportSeveralExperimentsIntoOneFile() throws IOException {
        final Path first = ExperimentFixture.write(dir.resolve("a").resolve("hopper"));
        final Path second = ExperimentFixture.write(dir.resolve("b").resolve("hopper"));
        final Path md = dir.resolve("both.md");

        assertEquals(0, run("report", "--run", first.toString(), "--run", second.toString(), "--out", md.toString()),
            cli::err);

        final String report = Files.readString(md);
        assertTrue(report.contains("## hopper (`" + first + "`)") && report.contains("## hopper-2 (`" + second
            + "`)"), report);
        assertTrue(Files.isRegularFile(dir.resolve("both-plots").resolve("hopper-2").resolve("eval_none_mass.png")));
    }

    @Test
    void shouldRefuseAMissingExperimentDirectory() {
        assertRefused("experiment directory " + dir.resolve("nothing") + " does not exist", "report", "--run",
            dir.resolve("nothing").toString());
    }

    @Test
    void shouldRefuseADirectoryWithoutTrainingRuns() throws IOException {
        Files.createDirectories(dir.resolve("empty").resolve("eval"));
        assertRefused(dir.resolve("empty") + " holds no training runs (<method>/seed-<n>/metrics.csv)", "report",
            "--run", dir.resolve("empty").toString());
    }

    @Test
    void shouldRefuseAnExperimentThatWasNotEvaluated() throws IOException {
        ExperimentFixture.seeds(dir.resolve("ip"), "baseline", 1, 2);
        assertRefused(dir.resolve("ip") + " holds no evaluation (returns_per_seed.csv or "
            + "sweep_<method>_<disturbance>.csv in it or in its eval*/ directories); evaluate it first: ./sparring "
            + "eval --run " + dir.resolve("ip"), "report", "--run", dir.resolve("ip").toString());
    }

    @Test
    void shouldRefuseACutMetricsFileNamingIt() throws IOException {
        final Path experiment = ExperimentFixture.write(dir.resolve("ip"));
        final Path metrics = experiment.resolve("rarl").resolve("seed-1").resolve("metrics.csv");
        Files.writeString(metrics, Files.readString(metrics) + "6,6000,1.0\n");
        assertRefused(metrics + ": line 7 has 3 cells, the header 17", "report", "--run", experiment.toString());
    }

    @Test
    void shouldRefuseAMalformedPerSeedReturnsFile() throws IOException {
        final Path experiment = ExperimentFixture.write(dir.resolve("ip"));
        final Path returns = experiment.resolve("eval").resolve("returns_per_seed.csv");
        Files.writeString(returns, Files.readString(returns).replace("baseline,1,nominal", "baseline,2,nominal"));
        assertRefused(returns + ": line 3: policy_index 2 of baseline / nominal should be 1", "report", "--run",
            experiment.toString());
    }

    @Test
    void shouldAskForOutWithSeveralExperiments() throws IOException {
        final Path experiment = ExperimentFixture.write(dir.resolve("ip"));
        assertRefused("--out FILE.md is needed with more than one --run", "report", "--run", experiment.toString(),
            "--run", experiment.toString());
    }
}
