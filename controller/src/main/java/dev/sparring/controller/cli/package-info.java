/**
 * The {@code sparring} command line (picocli): {@code run}, {@code demo} and {@code policy} subcommands.
 */
package dev.sparring.controller.cli;
