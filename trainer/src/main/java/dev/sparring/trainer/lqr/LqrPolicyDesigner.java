package dev.sparring.trainer.lqr;

import dev.sparring.controller.ControlConfig;
import dev.sparring.controller.mapping.ActionTarget;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotSystem;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantBackedSystem;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Designs an LQR balancing policy for a simulated robot and expresses it as a policy file: the robot's plant, reached
 * through the hal's plant contract ({@link PlantBackedSystem}) whatever backend simulates it, is linearised around
 * the all-zero state (upright, at rest) over one control period ({@link PlantLinearisation}), the discrete Riccati
 * equation gives {@code u = −K x} ({@link DiscreteLqr}), and {@code −K} becomes a single identity-activated layer,
 * with the actuator limits as the action limits. The policy runs in the same executor as a trained one. It needs the
 * description's observation to be the plant state in order ({@code q0..qn, q̇0..q̇n}) and its actions to be efforts
 * on actuated joints.
 */
public final class LqrPolicyDesigner {
    private LqrPolicyDesigner() {
    }

    /**
     * @param description a {@code sim} robot with a control section.
     * @param stateCost   diagonal of Q, one weight per state element.
     * @param effortCost  diagonal of R, one weight per action element.
     * @return the policy.
     * @throws ConfigException when the robot is not simulated or its mapping is not the plant state.
     */
    public static PolicyModel design(final RobotDescription description, final double[] stateCost,
        final double[] effortCost) {
        final ControlConfig config = ControlConfig.from(description);
        final RobotSystem system = RobotBackends.create(description);
        try {
            if (!(system instanceof PlantBackedSystem sim)) {
                throw new ConfigException(description.source() + ": LQR design needs a simulated robot (it linearises "
                    + "the robot's plant), but backend " + description.backend() + " has no plant");
            }
            final Plant plant = sim.plant();
            final int dof = plant.dof();
            requireStateObservation(description, config, plant);
            final List<ActionTarget> targets = config.actionTargets();
            final int[] actuated = new int[targets.size()];
            for (int i = 0; i < actuated.length; i++) {
                actuated[i] = description.spec().jointIndex(targets.get(i).joint());
                if (targets.get(i).mode() != CommandMode.EFFORT) {
                    throw new ConfigException(description.source() + ": control.action[" + i
                        + "] must be an effort for LQR design, was " + targets.get(i).mode());
                }
            }
            if (stateCost.length != 2 * dof || effortCost.length != actuated.length) {
                throw new ConfigException("LQR costs need " + 2 * dof + " state weights and " + actuated.length
                    + " effort weights, got " + stateCost.length + " and " + effortCost.length);
            }
            final PlantLinearisation model = PlantLinearisation.around(plant, new double[dof], actuated,
                config.periodNs() * 1e-9);
            final double[][] k = DiscreteLqr.solve(model.a(), model.b(), diagonal(stateCost), diagonal(effortCost))
                .gain();
            return toPolicy(description, k, stateCost, effortCost, config.rateHz());
        } finally {
            system.shutdown();
        }
    }

    private static void requireStateObservation(final RobotDescription description, final ControlConfig config,
        final Plant plant) {
        final int dof = plant.dof();
        final String[] expected = new String[2 * dof];
        for (int i = 0; i < dof; i++) {
            expected[i] = plant.jointName(i) + ".position";
            expected[dof + i] = plant.jointName(i) + ".velocity";
        }
        if (config.previousActionInObservation() || !config.observationChannels().equals(List.of(expected))) {
            throw new ConfigException(description.source() + ": LQR design needs control.observation to be the plant "
                + "state " + Arrays.toString(expected) + " without the previous action, was "
                + config.observationChannels());
        }
    }

    private static PolicyModel toPolicy(final RobotDescription description, final double[][] k,
        final double[] stateCost, final double[] effortCost, final double rateHz) {
        final int actions = k.length;
        final int states = k[0].length;
        final float[] weights = new float[actions * states];
        for (int i = 0; i < actions; i++) {
            for (int j = 0; j < states; j++) {
                weights[i * states + j] = (float) -k[i][j];
            }
        }
        final float[] ones = new float[states];
        Arrays.fill(ones, 1.0f);
        final float[] unitScale = new float[actions];
        Arrays.fill(unitScale, 1.0f);
        final float[] low = new float[actions];
        final float[] high = new float[actions];
        final List<ActionTarget> targets = ControlConfig.from(description).actionTargets();
        for (int i = 0; i < actions; i++) {
            final double effortMax = description.spec().joints()
                .get(description.spec().jointIndex(targets.get(i).joint())).effortMax();
            low[i] = (float) -effortMax;
            high[i] = (float) effortMax;
        }
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", description.spec().name() + "-lqr");
        metadata.put("kind", "discrete LQR on the sim plant's linearisation, u = -Kx");
        metadata.put("lqr.q", Arrays.toString(stateCost));
        metadata.put("lqr.r", Arrays.toString(effortCost));
        metadata.put("rate_hz", String.format(Locale.ROOT, "%.1f", rateHz));
        metadata.put("created_by", "sparring policy lqr");
        return new PolicyModel(states, new int[] {actions}, new Activation[] {Activation.IDENTITY},
            new float[][] {weights}, new float[][] {new float[actions]}, new float[states], ones, 1e6f, unitScale,
            new float[actions], low, high, metadata);
    }

    private static double[][] diagonal(final double[] values) {
        final double[][] matrix = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            matrix[i][i] = values[i];
        }
        return matrix;
    }
}
