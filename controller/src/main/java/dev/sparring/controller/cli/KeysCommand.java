package dev.sparring.controller.cli;

import dev.sparring.controller.trust.Ed25519;
import dev.sparring.controller.trust.KeyFiles;
import dev.sparring.controller.trust.TrustList;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring keys}: makes the Ed25519 keys that sign policies ({@code policy sign}) and that robots trust
 * ({@code control.trust}).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Make the keys that sign policies and that robots trust.",
    subcommands = KeysCommand.Generate.class)
final class KeysCommand {

    /**
     * {@code sparring keys generate}: writes a new private key (mode 0600) and its public key ({@code FILE.pub}).
     */
    @Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a new Ed25519 private key (PEM PKCS#8, mode 0600) to FILE and its public key to "
            + "FILE.pub, and print the line a robot's trust file needs to trust it."})
    static final class Generate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The private key file to write.")
        private Path out;

        @Option(names = "--name", paramLabel = "<name>", description = "The key's name in trust files (default: the "
            + "file's name without its extension).")
        private String name;

        @Option(names = "--force", description = "Replace existing key files (robots trusting only the old key will "
            + "refuse policies signed with the new one).")
        private boolean force;

        @Override
        public Integer call() throws Exception {
            final String fileName = out.getFileName().toString();
            final String keyName = name != null ? name
                : fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
            OptionChecks.require(spec, TrustList.isValidName(keyName), (name != null ? "--name" : "the key's name "
                + "(from --out; give --name)") + " must be 1-64 letters, digits or . _ @ -, was '" + keyName + "'");
            final KeyPair keys = Ed25519.generate(new SecureRandom());
            KeyFiles.write(keys, out, force, keyName);
            final PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("wrote private key " + out + " (mode 0600; keep it on the trainer) and public key "
                + KeyFiles.publicKeyFile(out) + ", key id " + Ed25519.keyId(keys.getPublic()));
            stdout.println("a robot trusts it with this line in its trust file (control.trust):");
            stdout.println(keyName + " " + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            return 0;
        }
    }
}
