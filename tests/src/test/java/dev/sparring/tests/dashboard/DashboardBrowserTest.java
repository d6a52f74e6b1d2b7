package dev.sparring.tests.dashboard;

import dev.sparring.controller.safety.FaultCause;
import dev.sparring.trainer.cli.TrainerCli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: a real {@code run} on a simulated cart-pole and a real {@code train} serve their
 * page ({@code --dashboard 127.0.0.1:0}); headless Chromium loads it while the command runs, the test polls the page's
 * DOM against a deadline until the pushed numbers say the run has finished, and compares them with what the command
 * itself printed (the run's summary) or wrote (the last row of metrics.csv).
 * <p>
 * Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them): on CI ({@code CI=true})
 * their absence fails the test; elsewhere it is skipped with the reason.
 */
class DashboardBrowserTest {
    private static final Path ROOT = Files.isDirectory(Path.of("robots")) ? Path.of(".") : Path.of("..");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final long DEADLINE_S = 120;
    private static final Pattern URL = Pattern.compile("dashboard +(http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    static Path temp;
    private static WebDriverClient browser;
    private final ExecutorService command = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startBrowser() throws IOException, InterruptedException {
        final boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " for the dashboard's browser test: .ci/run installs "
                + "them (apt-get install chromium chromium-driver)");
        }
        assumeTrue(present, "SKIPPED the dashboard's browser test: " + CHROMIUM + " or " + CHROMEDRIVER + " is "
            + "missing; install them with 'apt-get install -y chromium chromium-driver' (CI does)");
        browser = new WebDriverClient(CHROMEDRIVER, CHROMIUM, Files.createDirectories(temp.resolve("profile")),
            deadline());
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldShowTheRunSummarysOverrunsFaultsAndReturnOnceTheRunHasEnded() throws Exception {
        final StringWriter out = new StringWriter();
        final Future<Integer> run = start(out, "run", "--robot", ROOT.resolve("robots/cartpole.yaml").toString(),
            "--duration", "8", "--dashboard", "127.0.0.1:0");
        browser.navigate(url(out, run));
        final String live = waitFor("a live loop event", "const s = document.getElementById('status');"
            + "return document.body.dataset.loopEvents ? s.dataset.state : '';");
        assertEquals("live", live, "the page should have loaded while the run was still going");
        waitFor("the final loop event", "return document.getElementById('status').dataset.state === 'finished'"
            + " ? 'yes' : '';");
        assertEquals(0, run.get(DEADLINE_S, TimeUnit.SECONDS), out.toString());
        final String summary = out.toString();

        assertEquals(field(summary, "ticks +(\\d+)"), text("loop-ticks"));
        assertEquals(field(summary, "overruns +(\\d+) \\("), text("loop-overruns"));
        assertEquals(field(summary, "jitter +p50 ([0-9.]+ µs)"), text("jitter-p50"));
        assertEquals(field(summary, "jitter .* p99 ([0-9.]+ µs)"), text("jitter-p99"));
        assertEquals(field(summary, "jitter .* max ([0-9.]+ µs)"), text("loop-max-lateness"));
        final String faults = field(summary, "faults +(\\d+)");
        assertEquals(faults, text("faults-total"));
        long shown = 0;
        for (final FaultCause cause : FaultCause.values()) {
            final Matcher counted = Pattern.compile(cause + " (\\d+)").matcher(summary);
            final String expected = counted.find() ? counted.group(1) : "0";
            assertEquals(expected, text("fault-" + cause), "faults of cause " + cause);
            shown += Long.parseLong(text("fault-" + cause));
        }
        assertEquals(Long.parseLong(faults), shown);
        assertEquals("8.58 µs 0.01 µs 12.00 µs", browser.script("return [8575, 5, 11995].map(micros).join(' ');"),
            "microseconds rounded half up as the summary's %.2f rounds them (a tie is where toFixed differs)");
        assertEquals(field(summary, "episode return +(-?[0-9.]+) over"), text("episode-return"));
        assertEquals(field(summary, "episode return +-?[0-9.]+ over (\\d+) steps"),
            text("episode-steps").replace(", terminated", ""));
    }

    @Test
    void shouldDrawTheLearningCurveAndShowTheLastMetricsRowOnceTrainingHasEnded() throws Exception {
        final Path experiment = temp.resolve("train");
        final StringWriter out = new StringWriter();
        final Future<Integer> train = start(out, "train", "--env", "pendulum_swingup", "--steps", "32768", "--out",
            experiment.toString(), "--dashboard", "127.0.0.1:0");
        browser.navigate(url(out, train));
        final String file = "baseline/seed-0/metrics.csv";
        final String selector = "document.querySelector(\"table[data-file='" + file + "']\")";
        final String live = waitFor("a first metrics row", "const t = " + selector + ";"
            + "return t && +t.dataset.rows > 0 ? document.getElementById('status').dataset.state : '';");
        assertEquals("live", live, "the page should have shown rows while training was still going");
        waitFor("the end of training", "return document.getElementById('status').dataset.state === 'finished'"
            + " ? 'yes' : '';");
        assertEquals(0, train.get(DEADLINE_S, TimeUnit.SECONDS), out.toString());

        final List<String> lines = Files.readAllLines(experiment.resolve(file));
        assertEquals(lines.getFirst(), browser.script("return Array.from(" + selector
            + ".tHead.rows[0].cells).map(c => c.textContent).join(',');"));
        assertEquals(lines.getLast(), browser.script("return Array.from(" + selector
            + ".tBodies[0].rows[0].cells).map(c => c.textContent).join(',');"));
        assertEquals(String.valueOf(lines.size() - 1), browser.script("return " + selector + ".dataset.rows;"));
        assertEquals(String.valueOf(lines.size() - 1), browser.script("return String(document.querySelector("
            + "'#curves polyline').getAttribute('points').trim().split(' ').length);"), "one point per row");
    }

    @Test
    void shouldShowAFleetRunsRobotsAtItsLastWindowAndEveryRobotWindowOfItsGroupsGrid() throws Exception {
        final Path study = temp.resolve("fleet");
        final StringWriter out = new StringWriter();
        final Future<Integer> fleet = start(out, "fleet", "train", "--fleet",
            ROOT.resolve("robots/fleet/inverted_pendulum.yaml").toString(), "--robots", "4", "--window", "32",
            "--steps", "128", "--temperature", "1", "--sharing", "colearn", "--seeds", "0", "--out", study.toString(),
            "--dashboard", "127.0.0.1:0");
        browser.navigate(url(out, fleet));
        waitFor("the end of the study", "return document.getElementById('status').dataset.state === 'finished'"
            + " ? 'yes' : '';");
        assertEquals(0, fleet.get(DEADLINE_S, TimeUnit.SECONDS), out.toString());

        final String file = browser.script("return document.querySelector('#fleet-runs div[data-file]')"
            + ".dataset.file;");
        final List<String> lines = Files.readAllLines(study.resolve(file));
        final List<String> header = List.of(lines.getFirst().split(","));
        final List<String> shown = List.of("window", "robot", "type", "supervisor", "group", "partners", "episodes",
            "window_mean_return", "recent_return");
        final List<List<String>> rows = lines.subList(1, lines.size()).stream()
            .map(line -> List.of(line.split(",", -1))).toList();
        final String lastWindow = rows.getLast().get(header.indexOf("window"));
        final StringBuilder expected = new StringBuilder(String.join(",", shown));
        rows.stream().filter(row -> row.get(header.indexOf("window")).equals(lastWindow))
            .sorted(Comparator.comparingInt(row -> Integer.parseInt(row.get(header.indexOf("robot")))))
            .forEach(row -> expected.append('\n').append(String.join(",",
                shown.stream().map(column -> row.get(header.indexOf(column))).toList())));
        final String part = "document.querySelector(\"#fleet-runs div[data-file='" + file + "']\")";
        assertEquals(expected.toString(), browser.script("return Array.from(" + part + ".querySelector('table.robots')"
            + ".rows).map(r => Array.from(r.cells).map(c => c.textContent).join(',')).join('\\n');"));
        assertEquals(String.valueOf(rows.size()), browser.script("return String(" + part
            + ".querySelectorAll('svg.groups rect').length);"), "a cell per robot and window");
    }

    private Future<Integer> start(final StringWriter out, final String... args) {
        final Callable<Integer> execute = () -> TrainerCli.execute(args, new PrintWriter(out, true),
            new PrintWriter(out, true));
        return command.submit(execute);
    }

    /** Waits for the command to print its dashboard's address. */
    private static String url(final StringWriter out, final Future<Integer> command) throws Exception {
        final long deadlineNs = deadline();
        while (true) {
            final Matcher url = URL.matcher(out.toString());
            if (url.find()) {
                return url.group(1);
            }
            if (command.isDone() || System.nanoTime() - deadlineNs > 0) {
                fail("the command printed no dashboard address (exit " + (command.isDone() ? command.get() : "-")
                    + "):\n" + out);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Polls a script until it returns a non-empty string, against the deadline. */
    private static String waitFor(final String what, final String script) throws IOException, InterruptedException {
        final long deadlineNs = deadline();
        while (true) {
            final String value = browser.script(script);
            if (!value.isEmpty()) {
                return value;
            }
            if (System.nanoTime() - deadlineNs > 0) {
                fail("waited " + DEADLINE_S + " s for " + what + "; the page shows: "
                    + browser.script("return document.body.innerText;"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static String text(final String id) throws IOException, InterruptedException {
        return browser.script("return document.getElementById('" + id + "').textContent;");
    }

    private static String field(final String summary, final String regex) {
        final Matcher matcher = Pattern.compile(regex).matcher(summary);
        assertTrue(matcher.find(), "the summary has no match for " + regex + ":\n" + summary);
        return matcher.group(1);
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
    }
}
