package dev.sparring.fleet.cli;

import picocli.CommandLine.Command;

/**
 * {@code sparring fleet} on a robot: only {@code fleet ship} (the trainer's {@code fleet} group has it too, next to
 * {@code receive} and the co-learning commands).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Ship this robot's experience log to the trainer (docs/fleet.md).",
    subcommands = FleetShipCommand.class)
public final class RobotFleetCommand {
}
