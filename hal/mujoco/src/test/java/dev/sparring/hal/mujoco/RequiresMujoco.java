package dev.sparring.hal.mujoco;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables a test class (each test is reported skipped, with the reason that names the packages to install) where
 * MuJoCo is unavailable: {@code @ExtendWith(RequiresMujoco.class)}. Shared through this module's test jar.
 */
public final class RequiresMujoco implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
        return Mujoco.isAvailable() ? ConditionEvaluationResult.enabled("MuJoCo " + Mujoco.version())
            : ConditionEvaluationResult.disabled(Mujoco.unavailableReason());
    }
}
