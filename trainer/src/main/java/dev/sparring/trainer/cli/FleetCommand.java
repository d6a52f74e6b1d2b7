package dev.sparring.trainer.cli;

import dev.sparring.fleet.cli.FleetReceiveCommand;
import dev.sparring.fleet.cli.FleetShipCommand;

import picocli.CommandLine.Command;

/**
 * {@code sparring fleet}: the command group of fleet co-learning (issue 10): {@code fleet train}, a simulated
 * robot fleet learning on the job, {@code fleet taskalloc}, the paper's task-allocation comparison, and
 * {@code fleet fidelity}, the context features' fidelity on a set of real logs; and the fleet transport (issue 13):
 * {@code fleet receive} takes robots' logs over Aeron, {@code fleet ship} sends one, and a fleet run spread over
 * processes or hosts: {@code fleet supervise}, one supervisor, and {@code fleet robots}, the simulated robots
 * (docs/fleet.md).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Fleet co-learning: Dynamic Co-Learning (Garant et al., AAMAS 2017) and its studies; the fleet "
        + "transport: robots' logs to the trainer over Aeron (receive, ship); a fleet run over processes (supervise, "
        + "robots).",
    subcommands = {FleetTrainCommand.class, FleetTaskAllocCommand.class, FleetFidelityCommand.class,
        FleetReceiveCommand.class, FleetShipCommand.class, FleetSuperviseCommand.class, FleetRobotsCommand.class})
final class FleetCommand {
}
