package dev.sparring.controller.trust;

import dev.sparring.controller.policy.PolicyModel;

/**
 * A policy whose signature a trust list has verified over the exact bytes it was parsed from.
 *
 * @param model  the policy.
 * @param signer the trusted key that signed it.
 */
public record TrustedPolicy(PolicyModel model, TrustedKey signer) {
}
