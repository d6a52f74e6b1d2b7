package dev.sparring.trainer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the shell completion script and the man pages of {@code ./sparring} from its command model, at build time
 * (the trainer's {@code process-classes} phase, where asciidoctor-maven-plugin then renders the AsciiDoc pages to
 * roff): {@code completion/sparring.bash} (bash, and zsh through {@code bashcompinit}) and
 * {@code man/adoc/sparring*.adoc}, one page per command and subcommand. Both come from the same {@link TrainerCli#commandLine} that runs, so they
 * cannot drift from it.
 */
public final class CliDocs {
    /** The completion script's path under the output directory. */
    public static final String COMPLETION = "completion/sparring.bash";
    /** The AsciiDoc man pages' directory under the output directory. */
    public static final String MAN_ADOC = "man/adoc";

    private CliDocs() {
    }

    /**
     * @param args the output directory (e.g. {@code trainer/target/cli}).
     * @throws IOException when a file cannot be written.
     */
    public static void main(final String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CliDocs OUTPUT_DIR");
        }
        write(Path.of(args[0]));
    }

    /**
     * @param directory where to write {@link #COMPLETION} and {@link #MAN_ADOC}; created when missing.
     * @throws IOException when a file cannot be written.
     */
    public static void write(final Path directory) throws IOException {
        final CommandLine commandLine = TrainerCli.commandLine(new PrintWriter(System.out, true),
            new PrintWriter(System.err, true));
        final Path completion = directory.resolve(COMPLETION);
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, AutoComplete.bash("sparring", commandLine));
        final Path man = directory.resolve(MAN_ADOC);
        Files.createDirectories(man);
        final int exit = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], true,
            commandLine.getCommandSpec());
        if (exit != 0) {
            throw new IOException("the man page generator failed with exit code " + exit + " writing into " + man);
        }
    }
}
