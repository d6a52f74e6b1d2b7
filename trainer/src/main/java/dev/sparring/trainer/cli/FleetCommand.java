package dev.sparring.trainer.cli;

import picocli.CommandLine.Command;

/**
 * {@code sparring fleet}: the command group of fleet co-learning (issue 10): {@code fleet train}, a simulated
 * robot fleet learning on the job, {@code fleet taskalloc}, the paper's task-allocation comparison, and
 * {@code fleet fidelity}, the context features' fidelity on a set of real logs.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Fleet co-learning: Dynamic Co-Learning (Garant et al., AAMAS 2017) and its studies.",
    subcommands = {FleetTrainCommand.class, FleetTaskAllocCommand.class, FleetFidelityCommand.class})
final class FleetCommand {
}
