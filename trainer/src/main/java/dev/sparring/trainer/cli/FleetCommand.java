package dev.sparring.trainer.cli;

import picocli.CommandLine.Command;

/**
 * {@code sparring fleet}: the command group of fleet co-learning (issue 10). It holds {@code fleet taskalloc}, the
 * paper's task-allocation comparison; other subcommands ({@code fleet train}, {@code fleet fidelity}) join it with
 * {@code SparringCli.putSubcommand(commandLine.getSubcommands().get("fleet"), ...)} in {@link TrainerCli}.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Fleet co-learning: Dynamic Co-Learning (Garant et al., AAMAS 2017) and its studies.",
    subcommands = FleetTaskAllocCommand.class)
final class FleetCommand {
}
