package dev.sparring.controller.cli;

import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring policy}: inspects policy files; the trainer adds {@code policy lqr}, which makes one.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Inspect (and, with the trainer, make) policy files.", subcommands = PolicyCommand.Inspect.class)
final class PolicyCommand {

    /** {@code sparring policy inspect}: prints a policy file's shape and metadata after validating it. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Validate a policy file and print its shape and metadata.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The policy file.")
        private Path file;

        @Override
        public Integer call() throws Exception {
            final PolicyModel model = PolicyReader.read(file);
            final PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": valid, " + model.describe());
            out.println("  id in experience logs: " + HexFormat.of().toHexDigits(PolicyWriter.id(model)));
            if (model.hasActionStd()) {
                final float[] logStd = model.actionLogStd();
                final StringBuilder std = new StringBuilder();
                for (int k = 0; k < logStd.length; k++) {
                    std.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", Math.exp(logStd[k])));
                }
                out.println("  exploration std (network-output units, run --explore): [" + std + "]");
            }
            for (final Map.Entry<String, String> entry : model.metadata().entrySet()) {
                out.println("  " + entry.getKey() + " = " + entry.getValue());
            }
            return 0;
        }
    }
}
