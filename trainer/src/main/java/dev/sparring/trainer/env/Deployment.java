package dev.sparring.trainer.env;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the exporter needs to deploy a policy trained on a task: the robot description whose
 * {@code control.observation} lists the task's observation in the same order, and the effort each action element's
 * task unit commands, so that the policy file's action scale turns the policy's output into the joint efforts the
 * description's {@code control.action} sends.
 *
 * @param robotFile           the robot description, relative to the repository root (e.g.
 *                            {@code robots/inverted_pendulum.yaml}).
 * @param effortPerActionUnit per action element, the joint effort (N or N·m) of one task unit (e.g. 100: MuJoCo's
 *                            gear).
 */
public record Deployment(String robotFile, double[] effortPerActionUnit) {
    /** Copies the scales. */
    public Deployment {
        Objects.requireNonNull(robotFile, "robotFile");
        effortPerActionUnit = effortPerActionUnit.clone();
    }

    /**
     * @return a copy of the per-element effort scales.
     */
    @Override
    public double[] effortPerActionUnit() {
        return effortPerActionUnit.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Deployment that && robotFile.equals(that.robotFile)
            && Arrays.equals(effortPerActionUnit, that.effortPerActionUnit);
    }

    @Override
    public int hashCode() {
        return 31 * robotFile.hashCode() + Arrays.hashCode(effortPerActionUnit);
    }

    @Override
    public String toString() {
        return "Deployment[robotFile=" + robotFile + ", effortPerActionUnit=" + Arrays.toString(effortPerActionUnit)
            + "]";
    }
}
