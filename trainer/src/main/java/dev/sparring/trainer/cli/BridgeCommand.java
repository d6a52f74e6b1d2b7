package dev.sparring.trainer.cli;

import picocli.CommandLine.Command;

/**
 * {@code sparring bridge}: the firmware bridge's tools (issue 11); {@code bridge sim} runs the host-built reference
 * firmware on a fresh pseudo-terminal, so anyone can drive a bridge robot without hardware.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
    description = "The firmware bridge: joint firmware on a serial link (docs/bridge-protocol.md).",
    subcommands = {BridgeSimCommand.class})
final class BridgeCommand {
}
