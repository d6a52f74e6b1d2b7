package dev.sparring.controller.cli;

import dev.sparring.controller.trust.PolicyRefusedException;
import dev.sparring.controller.trust.TrustList;
import dev.sparring.controller.trust.TrustedPolicy;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring policy verify}: checks a policy's signature against a trust file as a robot with
 * {@code control.trust} does before running it, and says who signed it.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a policy's signature (POLICY.sig) against a trust file, as a robot with control.trust does, "
        + "and say who signed it.", "Exit code 0: verified; 1: refused (unsigned, tampered, signed by an unknown key, "
        + "malformed signature file); 2: bad input (trust file, unreadable or invalid policy)."})
final class PolicyVerifyCommand implements Callable<Integer> {
    /** Exit code when the policy is refused. */
    static final int EXIT_REFUSED = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--trust", required = true, paramLabel = "FILE", description = "The trust file: the public keys "
        + "whose signatures are accepted (docs/formats.md).")
    private Path trust;

    @Parameters(paramLabel = "POLICY", description = "The policy file; its signature is POLICY.sig.")
    private Path policy;

    @Override
    public Integer call() throws Exception {
        final TrustList trustList = TrustList.read(trust);
        final TrustedPolicy trusted;
        try {
            trusted = trustList.readPolicy(policy);
        } catch (final PolicyRefusedException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": refused: " + e.getMessage());
            return EXIT_REFUSED;
        }
        spec.commandLine().getOut().println(policy + ": verified, signed by " + trusted.signer().describe()
            + ", trusted by " + trust + "; " + trusted.model().describe());
        return 0;
    }
}
