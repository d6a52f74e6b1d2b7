package dev.sparring.controller.cli;

import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.trust.KeyFiles;
import dev.sparring.controller.trust.PolicySignature;
import dev.sparring.hal.config.ConfigException;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring policy sign}: writes a policy's detached signature ({@code POLICY.sig}, {@link PolicySignature})
 * with a private key from {@code keys generate}; the policy is validated first, so only a policy is ever signed.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a policy file with a private key: writes POLICY.sig beside it, which robots that trust the "
        + "key check before running the policy.")
final class PolicySignCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE",
        description = "The private key (from 'keys generate'); its public key FILE.pub must be beside it.")
    private Path key;

    @Parameters(paramLabel = "POLICY", description = "The policy file to sign.")
    private Path policy;

    @Override
    public Integer call() throws Exception {
        final KeyPair keys = new KeyPair(KeyFiles.readPublic(KeyFiles.publicKeyFile(key)), KeyFiles.readPrivate(key));
        final byte[] bytes = PolicyReader.bytes(policy);
        final PolicyModel model = PolicyReader.read(policy.toString(), bytes);
        final PolicySignature signature;
        try {
            signature = PolicySignature.sign(keys, bytes);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage() + " in " + KeyFiles.publicKeyFile(key)
                + "; keep the two files 'keys generate' wrote together");
        }
        final Path file = PolicySignature.fileOf(policy);
        signature.write(file);
        spec.commandLine().getOut().println("signed " + policy + " (" + model.describe() + ") with key "
            + signature.keyId() + ": wrote " + file);
        return 0;
    }
}
