package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.cli.SparringCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * What every command of {@code ./sparring} owes its user: placeholders that say what an option takes, its default
 * shown, the launcher's own commands in the help, and a completion script and a man page generated from the same
 * command model.
 */
class CommandLineConventionsTest {
    private static final Path LAUNCHER = Path.of("..", "sparring");

    @TempDir
    Path dir;

    private static CommandSpec root() {
        return TrainerCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
            .getCommandSpec();
    }

    private static List<CommandSpec> allCommands(final CommandSpec spec) {
        final List<CommandSpec> all = new ArrayList<>(List.of(spec));
        for (final CommandLine sub : new LinkedHashSet<>(spec.subcommands().values())) {
            all.addAll(allCommands(sub.getCommandSpec()));
        }
        return all;
    }

    private static String where(final CommandSpec command, final ArgSpec arg) {
        return command.qualifiedName() + " " + (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel());
    }

    @Test
    void shouldGiveEveryOptionThatTakesAValueAPlaceholderOfItsOwn() {
        final List<String> autoLabelled = new ArrayList<>();
        int checked = 0;
        for (final CommandSpec command : allCommands(root())) {
            for (final OptionSpec option : command.options()) {
                if (option.arity().max() == 0 || !(option.userObject() instanceof Field field)) {
                    continue;
                }
                checked++;
                if (field.getAnnotation(Option.class).paramLabel().isEmpty()) {
                    autoLabelled.add(where(command, option) + " shows " + option.paramLabel());
                }
            }
        }
        assertTrue(checked > 80, "walked the whole tree: " + checked);
        assertEquals(List.of(), autoLabelled, "options whose placeholder is picocli's <fieldName>");
    }

    @Test
    void shouldShowTheDefaultOfEveryOptionThatHasOne() {
        final List<String> hidden = new ArrayList<>();
        int checked = 0;
        for (final CommandSpec command : allCommands(root())) {
            for (final OptionSpec option : command.options()) {
                final String value = option.defaultValueString();
                if (option.arity().max() == 0 || option.required() || option.hidden() || value == null
                    || List.of("null", "[]", "{}").contains(value)) {
                    continue;
                }
                checked++;
                final String shown = String.join(" ", option.description()).replace("${DEFAULT-VALUE}", value)
                    .toLowerCase(Locale.ROOT);
                final String expected = value.toLowerCase(Locale.ROOT);
                if (!shown.contains("default " + expected) && !shown.contains("default: " + expected)) {
                    hidden.add(where(command, option) + " (default " + value + "): " + shown);
                }
            }
        }
        assertTrue(checked > 50, "walked the whole tree: " + checked);
        assertEquals(List.of(), hidden, "options whose description does not show their default");
        final String usage = new CommandLine(root()).getSubcommands().get("run").getUsageMessage(CommandLine.Help
            .Ansi.OFF).replaceAll("\\s+", " ");
        assertTrue(usage.contains("--cpu=<cpu>") && usage.contains("(-1: off; default -1)"), usage);
    }

    @Test
    void shouldListEveryCommandTheLauncherRunsItselfInTheHelp() throws IOException {
        final String script = Files.readString(LAUNCHER);
        final Set<String> ownCommands = names(script, "\"\\$\\{1:-}\" == \"(\\w+)\"");
        final Set<String> benchKinds = names(script, "\\n\\s+(\\w+)\\) main=dev\\.sparring\\.benchmarks");
        assertEquals(Set.of("test", "bench", "package"), ownCommands, "the launcher's own commands");
        assertEquals(Set.of("training", "supervisor", "bridge", "fleet"), benchKinds);
        final CommandSpec root = root();
        assertTrue(root.subcommands().keySet().containsAll(ownCommands), root.subcommands().keySet().toString());
        assertEquals(benchKinds, root.subcommands().get("bench").getSubcommands().keySet());

        final TrainerCliRun cli = new TrainerCliRun();
        assertEquals(0, cli.run("--help"));
        for (final String name : root.subcommands().keySet()) {
            assertTrue(cli.out().matches("(?s).*\\n  " + name + " .*"), name + " in\n" + cli.out());
        }
        cli.assertRefused("'./sparring bench training' is run by the ./sparring launcher script itself",
            "bench", "training", "--tasks", "reacher");
    }

    private static Set<String> names(final String text, final String regex) {
        final Set<String> names = new LinkedHashSet<>();
        final Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void shouldCompleteSubcommandsAndOptionsInBash() throws Exception {
        CliDocs.write(dir);
        final Path script = dir.resolve(CliDocs.COMPLETION);
        final String text = Files.readString(script);
        for (final CommandSpec command : allCommands(root())) {
            assertTrue(text.contains(command.name()), command.qualifiedName() + " in the completion script");
        }
        assertEquals("train", complete(script, "sparring", "tr"));
        assertEquals("bench", complete(script, "sparring", "ben"));
        assertEquals("training", complete(script, "sparring", "bench", "tra"));
        assertEquals("taskalloc", complete(script, "sparring", "fleet", "tas"));
        assertEquals("--resume", complete(script, "sparring", "train", "--res"));
        assertEquals("--verbose", complete(script, "sparring", "eval", "--verb"));
        assertEquals("PER_EPISODE", complete(script, "sparring", "run", "--log-sync", "PER_"));
    }

    private static String complete(final Path script, final String... words) throws Exception {
        // compopt only works inside a completion that bash itself started; here it has nothing to change.
        final StringBuilder line = new StringBuilder("compopt() { :; }; source '" + script + "'; COMP_WORDS=(");
        for (final String word : words) {
            line.append('\'').append(word).append("' ");
        }
        line.append("); COMP_CWORD=").append(words.length - 1)
            .append("; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_sparring; ")
            .append("printf '%s\\n' \"${COMPREPLY[@]}\"");
        final Process bash = new ProcessBuilder("bash", "-c", line.toString()).redirectErrorStream(true).start();
        final String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), output);
        return output;
    }

    @Test
    void shouldRenderAManPagePerCommandAtBuildTime() throws IOException {
        final Path man = Path.of("target", "cli", "man", "man1");
        for (final CommandSpec command : allCommands(root())) {
            final String name = command.qualifiedName("-");
            final Path page = man.resolve(name + ".1");
            assertTrue(Files.isRegularFile(page), page + " (rendered by the build's process-classes phase)");
            final String roff = Files.readString(page);
            assertTrue(roff.contains(".TH \"" + name.toUpperCase(Locale.ROOT).replace("-", "\\-") + "\" \"1\""),
                page + " is a roff man page");
            for (final OptionSpec option : command.options()) {
                if (!option.hidden()) {
                    assertTrue(roff.contains(option.longestName().replace("-", "\\-")), option.longestName()
                        + " in " + page);
                }
            }
        }
    }

    @Test
    void shouldPrintResultsButNoProgressWhenQuiet() {
        final String[] train = {"train", "--env", "inverted_pendulum", "--steps", "512", "--set", "envs=2", "--set",
            "stepsPerEnv=128", "--set", "policy.hiddenSizes=8,8", "--set", "ppo.minibatches=4", "--out", null};
        train[train.length - 1] = dir.resolve("normal").toString();
        final TrainerCliRun normal = new TrainerCliRun();
        assertEquals(0, normal.run(train), normal.err());
        train[train.length - 1] = dir.resolve("quiet").toString();
        final TrainerCliRun quiet = new TrainerCliRun();
        final String[] quietTrain = new String[train.length + 1];
        quietTrain[0] = "--quiet";
        System.arraycopy(train, 0, quietTrain, 1, train.length);
        assertEquals(0, quiet.run(quietTrain), quiet.err());

        assertTrue(normal.out().contains("ppo seed 0"), "progress without --quiet:\n" + normal.out());
        assertFalse(quiet.out().contains("ppo seed 0"), "no progress with --quiet:\n" + quiet.out());
        assertTrue(quiet.out().contains("baseline final mean return"), quiet.out());
        assertTrue(quiet.out().contains("wrote " + dir.resolve("quiet")), quiet.out());
        assertEquals(2, quiet.out().lines().count(), quiet.out());
        assertEquals(SparringCli.EXIT_BAD_INPUT, new TrainerCliRun().run("train", "--env", "Hopper-v5", "-q"),
            "exit codes do not depend on --quiet");
    }
}
