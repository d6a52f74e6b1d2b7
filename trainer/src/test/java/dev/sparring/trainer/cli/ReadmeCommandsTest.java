package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sparring.controller.CartPoleRig;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every {@code ./sparring} command that README.md shows, in fenced blocks and in inline code, against the real command
 * model, so the README and the commands cannot drift apart.
 * <p>
 * The README's synopsis notation is expanded: {@code [x]} is included, {@code a|b} gives one command per
 * alternative, an UPPERCASE placeholder or {@code ...} after an option becomes a sample value for that option (an
 * option without one here fails the test: add it), an UPPERCASE positional placeholder a sample for its command,
 * {@code ...} elsewhere is dropped, and {@code robots/} and {@code policies/} paths are the repository's.
 * <p>
 * Each command is parsed by picocli ({@link TrainerCli#commandLine}), so an unknown option, a missing value or
 * required option, or a value of the wrong type fails. The quick ones then run in-process, in README order, with
 * temporary files and tiny settings: {@code run} (0.2 s unless the README gives a duration), {@code policy lqr},
 * {@code policy import} (a committed 4 → 1 test model for the cart-pole), {@code policy inspect}, {@code log inspect},
 * {@code log export} and {@code --help}; they must exit 0. Parse-checked only: {@code demo}, {@code train} and
 * {@code eval} (minutes of training), and a {@code run} with real-time requests (as root they would lock the test
 * JVM's memory and make a thread SCHED_FIFO). {@code bench} (JMH's own options),
 * {@code test} and {@code package} (Maven) are the launcher's words, not picocli commands: the test checks that the
 * launcher handles them.
 */
class ReadmeCommandsTest {
    private static final Path README = CartPoleRig.ROOT.resolve("README.md");
    private static final Path LAUNCHER = CartPoleRig.ROOT.resolve("sparring");
    private static final Pattern INLINE = Pattern.compile("`(\\./sparring\\b[^`]*)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\b[A-Z][A-Z0-9_]*\\b|\\.\\.\\.");
    private static final Set<String> LAUNCHER_WORDS = Set.of("bench", "test", "package");
    private static final Set<String> EXECUTED = Set.of("sparring", "sparring run", "sparring policy lqr",
        "sparring policy import", "sparring policy inspect", "sparring log inspect", "sparring log export");
    private static final Set<String> REALTIME = Set.of("--realtime", "--lock-memory", "--fifo-priority", "--cpu",
        "--timer-slack-ns");

    @TempDir
    Path temp;

    private int freshFiles;

    @Test
    void shouldAcceptEveryCommandTheReadmeShowsAndRunTheQuickOnes() throws IOException {
        final List<String> commands = readmeCommands(Files.readString(README, StandardCharsets.UTF_8));
        assertTrue(commands.size() >= 10, "found only " + commands.size() + " commands in README.md: " + commands);
        final String launcher = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
        int executed = 0;
        for (final String command : commands) {
            final List<String> words = tokens(command);
            if (LAUNCHER_WORDS.contains(words.getFirst())) {
                assertTrue(launcher.contains("\"${1:-}\" == \"" + words.getFirst() + "\""),
                    "README shows './sparring " + words.getFirst() + "' but the launcher does not handle it");
                continue;
            }
            for (final List<String> args : expand(words)) {
                executed += parseAndMaybeRun(command, args);
            }
        }
        assertTrue(executed >= 6, "ran only " + executed + " README commands");
    }

    @Test
    void shouldFailACommandWithAWrongForm() {
        final CommandLine model = TrainerCli.commandLine(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
        final List<String> old = expand(tokens("log export --csv DIR")).getFirst();
        try {
            model.parseArgs(old.toArray(String[]::new));
            fail("the README's old 'log export --csv DIR' parsed: " + old);
        } catch (final CommandLine.ParameterException expected) {
            assertTrue(expected.getMessage().contains("DIR"), expected.getMessage());
        }
    }

    /** The ./sparring commands of fenced code blocks (one per line, comments cut) and of inline code spans. */
    static List<String> readmeCommands(final String readme) {
        final List<String> commands = new ArrayList<>();
        boolean fenced = false;
        final StringBuilder prose = new StringBuilder();
        for (final String line : readme.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (fenced) {
                if (line.startsWith("./sparring")) {
                    commands.add(line.replaceFirst("\\s+#.*", "").strip());
                }
            } else {
                prose.append(line).append('\n');
            }
        }
        final Matcher inline = INLINE.matcher(prose);
        while (inline.find()) {
            commands.add(inline.group(1).replaceAll("\\s+", " ").strip());
        }
        return commands;
    }

    private static List<String> tokens(final String command) {
        final List<String> words = new ArrayList<>(Arrays.asList(command.replace("[", "").replace("]", "")
            .split("\\s+")));
        if (words.getFirst().equals("./sparring")) {
            words.removeFirst();
        }
        return words;
    }

    /** One argument list per alternative: the k-th takes the k-th choice of every {@code a|b} (or its last). */
    private static List<List<String>> expand(final List<String> words) {
        int variants = 1;
        for (final String word : words) {
            variants = Math.max(variants, word.split("\\|").length);
        }
        final List<List<String>> expanded = new ArrayList<>();
        for (int k = 0; k < variants; k++) {
            final List<String> args = new ArrayList<>();
            for (final String word : words) {
                final String[] choices = word.split("\\|");
                args.add(choices[Math.min(k, choices.length - 1)]);
            }
            expanded.add(args);
        }
        return expanded;
    }

    private int parseAndMaybeRun(final String readmeCommand, final List<String> words) throws IOException {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine model = TrainerCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        final List<String> args = concrete(model, words, readmeCommand);
        final CommandLine.ParseResult parsed;
        try {
            parsed = model.parseArgs(args.toArray(String[]::new));
        } catch (final CommandLine.ParameterException e) {
            throw new AssertionError("README command '" + readmeCommand + "' does not parse as " + args + ": "
                + e.getMessage(), e);
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        final String name = leaf.commandSpec().qualifiedName();
        if (!EXECUTED.contains(name) || args.stream().anyMatch(REALTIME::contains)) {
            return 0;
        }
        if (name.equals("sparring run") && args.stream().anyMatch(arg -> arg.endsWith("-bridge.yaml"))) {
            return 0; // a bridge robot needs its firmware running: the HIL test SparringRunOverBridgeTest runs it
        }
        if (name.equals("sparring run") && !args.contains("--duration")) {
            args.add("--duration");
            args.add("0.2");
        }
        final int exitCode = TrainerCli.execute(args.toArray(String[]::new), new PrintWriter(out, true),
            new PrintWriter(err, true));
        assertEquals(0, exitCode, "README command '" + readmeCommand + "' run as " + args + " failed:\n" + err + out);
        return 1;
    }

    /** Placeholders replaced by samples, repository paths resolved, stray {@code ...} dropped. */
    private List<String> concrete(final CommandLine model, final List<String> words, final String readmeCommand)
        throws IOException {
        final List<String> args = new ArrayList<>();
        CommandLine command = model;
        for (int i = 0; i < words.size(); i++) {
            final String word = words.get(i);
            if (command.getSubcommands().containsKey(word)) {
                command = command.getSubcommands().get(word);
                args.add(word);
                continue;
            }
            final OptionSpec option = word.startsWith("-") ? command.getCommandSpec().findOption(word) : null;
            args.add(word);
            if (option != null && option.arity().max() > 0 && i + 1 < words.size()) {
                final String value = words.get(++i);
                args.add(isPlaceholder(value, option) ? optionSample(option.longestName(), readmeCommand)
                    : repositoryPath(value));
            } else if (option == null && isPlaceholder(word, null)) {
                args.removeLast();
                if (!word.equals("...")) {
                    args.add(positionalSample(command.getCommandSpec().qualifiedName(), readmeCommand));
                }
            } else if (option == null) {
                args.set(args.size() - 1, repositoryPath(word));
            }
        }
        return args;
    }

    private static boolean isPlaceholder(final String word, final OptionSpec option) {
        if (option != null && option.completionCandidates() != null) {
            for (final String candidate : option.completionCandidates()) {
                if (candidate.equals(word)) {
                    return false;
                }
            }
        }
        return PLACEHOLDER.matcher(word).find();
    }

    private static String repositoryPath(final String word) {
        return word.startsWith("robots/") || word.startsWith("policies/") ? CartPoleRig.ROOT.resolve(word).toString()
            : word;
    }

    private String optionSample(final String option, final String readmeCommand) throws IOException {
        final Map<String, String> samples = Map.ofEntries(
            Map.entry("--robot", CartPoleRig.ROOT.resolve("robots/cartpole.yaml").toString()),
            Map.entry("--policy", CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy").toString()),
            Map.entry("--rate", "500"), Map.entry("--duration", "0.2"), Map.entry("--episodes", "1"),
            Map.entry("--q", "10,100,1,1"),
            Map.entry("--r", "0.1"), Map.entry("--log", logDirectory()), Map.entry("--log-max-gib", "1"),
            Map.entry("--log-max-days", "7"), Map.entry("--steps", "2048"), Map.entry("--adv-fraction", "0.25"),
            Map.entry("--run", temp.resolve("run").toString()), Map.entry("--resume", temp.resolve("run").toString()),
            Map.entry("--csv", temp.resolve("log.csv").toString()), Map.entry("--logs", logDirectory()),
            Map.entry("--window-s", "10"), Map.entry("--window", "64"), Map.entry("--temperature", "2"),
            Map.entry("--threshold", "500"), Map.entry("--epochs", "4"), Map.entry("--port", "/tmp/sparring-readme-pty"),
            Map.entry("--target", "slider=0.5"), Map.entry("--name", "trainer"),
            Map.entry("--key", temp.resolve("trainer.key").toString()),
            Map.entry("--trust", temp.resolve("trusted.keys").toString()), Map.entry("--listen", "127.0.0.1:40123"),
            Map.entry("--to", "127.0.0.1:40123"), Map.entry("--allow", temp.resolve("allow.txt").toString()),
            Map.entry("--publish", temp.toString()), Map.entry("--policies", temp.toString()),
            Map.entry("--index", "0"), Map.entry("--supervisor-at", "127.0.0.1:40200,127.0.0.1:40201"),
            Map.entry("--obs-mean", "0,0,0,0"), Map.entry("--obs-std", "1,2,3,4"), Map.entry("--obs-clip", "10"),
            Map.entry("--control-period-s", "0.02"), Map.entry("--dashboard", "127.0.0.1:0"));
        if (option.equals("--out")) {
            return temp.resolve("out-" + ++freshFiles).toString();
        }
        final String sample = samples.get(option);
        if (sample == null) {
            fail("README command '" + readmeCommand + "' has a placeholder for " + option
                + ": give ReadmeCommandsTest a sample value for it");
        }
        return sample;
    }

    private String positionalSample(final String command, final String readmeCommand) throws IOException {
        return switch (command) {
            case "sparring policy inspect", "sparring policy sign", "sparring policy verify" -> CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy").toString();
            case "sparring log inspect", "sparring log export" -> logDirectory();
            case "sparring policy import" -> Path.of("src/test/resources/onnx/elu_sigmoid.onnx").toString();
            default -> {
                fail("README command '" + readmeCommand + "' has a positional placeholder for '" + command
                    + "': give ReadmeCommandsTest a sample value for it");
                yield "";
            }
        };
    }

    private String logDirectory() throws IOException {
        return Files.createDirectories(temp.resolve("log")).toString();
    }
}
