package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.SparringCli;
import dev.sparring.hal.config.ConfigException;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The commands the {@code ./sparring} launcher script runs itself, before any Java ({@code test} runs Maven,
 * {@code bench} the benchmarks module's mains, {@code package} the robot distribution's build): described here as
 * subcommands so that {@code ./sparring --help}, the shell completion and the man pages list them with the rest.
 * Reaching one of them through Java means the launcher was bypassed; it then says how to run it.
 */
final class LauncherCommands {
    /** One launcher command: its name, a line of description, what its arguments are, its kinds. */
    private record Entry(String name, String description, String arguments, List<Entry> kinds) {
    }

    private static final List<Entry> ENTRIES = List.of(
        new Entry("test", "Build and run every test, as CI does (Maven's verify).",
            "Maven options, e.g. -pl trainer -Dtest=TasksTest.", List.of()),
        new Entry("bench", "Benchmarks (docs/benchmarks.md): JMH by default, or a kind: training, supervisor, "
            + "bridge, fleet.",
            "JMH options, e.g. PolicyForward -prof gc.", List.of(
                new Entry("training", "Training speed: steps/s per task and algorithm, PPO's time to a return.",
                    "Its options (--help lists them).", List.of()),
                new Entry("supervisor", "Dynamic Co-Learning's supervisor work and memory per window as the fleet "
                    + "grows.", "Its options (--help lists them).", List.of()),
                new Entry("bridge", "The firmware link's command -> state round trip per loop rate.",
                    "Its options (--help lists them).", List.of()),
                new Entry("fleet", "1 024 robots shipping their logs to one fleet receiver on loopback.",
                    "Its options (--help lists them).", List.of()))),
        new Entry("package", "Build the robot runtime without the trainer as a .tar.gz (docs/robot-runtime.md): "
            + "./sparring package robot.", "robot", List.of()));

    private LauncherCommands() {
    }

    /**
     * @return the names of the launcher's own commands, in help order.
     */
    static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /**
     * Adds every launcher command under {@code root}.
     *
     * @param root the command line of {@code ./sparring}.
     */
    static void addTo(final CommandLine root) {
        for (final Entry entry : ENTRIES) {
            SparringCli.putSubcommand(root, command(entry, "./sparring " + entry.name()));
        }
    }

    private static CommandSpec command(final Entry entry, final String invocation) {
        final Callable<Integer> bypassed = () -> {
            throw new ConfigException("'" + invocation + "' is run by the ./sparring launcher script itself, not by "
                + "Java: run " + invocation + " from the Sparring directory");
        };
        final CommandSpec spec = CommandSpec.wrapWithoutInspection(bypassed);
        spec.name(entry.name());
        spec.usageMessage().description(entry.description());
        spec.parser().unmatchedOptionsArePositionalParams(true);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("<argument>").arity("0..*").type(String[].class)
            .description(entry.arguments()).build());
        for (final Entry kind : entry.kinds()) {
            spec.addSubcommand(kind.name(), command(kind, invocation + " " + kind.name()));
        }
        return spec;
    }
}
