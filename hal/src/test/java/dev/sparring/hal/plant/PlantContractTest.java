package dev.sparring.hal.plant;

import dev.sparring.hal.AllocationProbe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What every {@link Plant} implementation promises, checked through the contract alone: extend it with
 * {@link #newPlant()} returning a fresh plant (shipped in hal's test jar for backends in other modules).
 */
public abstract class PlantContractTest {
    private static final int STEPS = 40;

    /**
     * @return a new plant with its nominal parameters.
     */
    protected abstract Plant newPlant();

    @Test
    void shouldReproduceTheTrajectoryBitForBitAfterRestoringASavedState() {
        final Plant plant = startedPlant();
        plant.advance(10);
        final double[] saved = new double[plant.stateSize() + 3];
        plant.saveState(saved, 3);
        final double[] first = runWithInputs(plant);

        plant.restoreState(saved, 3);
        for (int j = 0; j < plant.dof(); j++) {
            assertEquals(0.0, plant.jointEffort(j), "restoring clears the efforts");
        }

        assertArrayEquals(first, runWithInputs(plant));
    }

    @Test
    void shouldTakeWholeStepsOfItsTimestep() {
        final Plant once = startedPlant();
        final Plant stepwise = startedPlant();

        once.advance(STEPS);
        for (int s = 0; s < STEPS; s++) {
            stepwise.advance(1);
        }

        assertArrayEquals(trajectoryPoint(once), trajectoryPoint(stepwise));
    }

    @Test
    void shouldRestoreEveryParameterExactlyFromTheValueItReported() {
        final Plant untouched = startedPlant();
        final Plant changed = startedPlant();
        for (int p = 0; p < changed.parameterCount(); p++) {
            final double nominal = changed.parameter(p);
            changed.setParameter(p, nominal == 0.0 ? 0.5 : 1.5 * nominal);
            changed.setParameter(p, nominal);
            assertEquals(nominal, changed.parameter(p), changed.parameterName(p));
            assertEquals(p, changed.parameterIndex(changed.parameterName(p)));
        }

        assertArrayEquals(runWithInputs(untouched), runWithInputs(changed));
    }

    @Test
    void shouldListWhatItHasWhenANameIsUnknown() {
        final Plant plant = newPlant();

        assertListsNames(assertThrows(IllegalArgumentException.class, () -> plant.jointIndex("no_such_joint")),
            plant.jointName(0));
        assertListsNames(assertThrows(IllegalArgumentException.class, () -> plant.parameterIndex("no_such")),
            plant.parameterName(0));
        assertListsNames(assertThrows(IllegalArgumentException.class, () -> plant.bodyIndex("no_such_body")),
            plant.kind());
        if (plant.channelCount() > 0) {
            assertListsNames(assertThrows(IllegalArgumentException.class, () -> plant.channelIndex("no_such")),
                plant.channelName(0));
        }
        for (int j = 0; j < plant.dof(); j++) {
            assertEquals(j, plant.jointIndex(plant.jointName(j)));
        }
    }

    @Test
    void shouldCloseTwiceWithoutFailing() {
        final Plant plant = newPlant();
        plant.advance(1);

        plant.close();

        assertDoesNotThrow(plant::close, "close is idempotent");
    }

    @Test
    void shouldRefuseATimestepThatIsNotPositiveAndFinite() {
        final Plant plant = newPlant();
        final double step = plant.timestepS();

        for (final double bad : new double[] {0.0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plant.setTimestepS(bad));
            assertTrue(e.getMessage().contains(plant.kind()) && e.getMessage().contains(String.valueOf(bad)),
                e.getMessage());
        }
        assertEquals(step, plant.timestepS());
    }

    @Test
    void shouldStepSetAndSaveWithoutAllocatingAfterWarmUp() {
        final Plant plant = startedPlant();
        final double[] saved = new double[plant.stateSize()];
        final long allocated = AllocationProbe.bytesAllocatedWhenSteady(1,
            round -> stepWithEveryInput(plant, saved, 20_000));

        assertEquals(0, allocated, "bytes allocated over 20 000 steps once steady");
    }

    private Plant startedPlant() {
        final Plant plant = newPlant();
        final int dof = plant.dof();
        final double[] positions = new double[dof];
        final double[] velocities = new double[dof];
        for (int j = 0; j < dof; j++) {
            positions[j] = (j % 2 == 0 ? 0.05 : -0.05) * (j + 1);
            velocities[j] = 0.1 * (j + 1);
        }
        plant.reset(positions, velocities);
        return plant;
    }

    private double[] runWithInputs(final Plant plant) {
        final double[] trajectory = new double[STEPS * 2 * plant.dof()];
        for (int s = 0; s < STEPS; s++) {
            for (int j = 0; j < plant.dof(); j++) {
                if (plant.isActuated(j)) {
                    plant.setJointEffort(j, s % 3 == 0 ? 0.2 : -0.1);
                }
            }
            plant.advance(1);
            System.arraycopy(trajectoryPoint(plant), 0, trajectory, s * 2 * plant.dof(), 2 * plant.dof());
        }
        return trajectory;
    }

    private static double[] trajectoryPoint(final Plant plant) {
        final double[] point = new double[2 * plant.dof()];
        for (int j = 0; j < plant.dof(); j++) {
            point[j] = plant.q(j);
            point[plant.dof() + j] = plant.qd(j);
        }
        return point;
    }

    private static void stepWithEveryInput(final Plant plant, final double[] saved, final int steps) {
        for (int s = 0; s < steps; s++) {
            for (int j = 0; j < plant.dof(); j++) {
                if (plant.isActuated(j)) {
                    plant.setJointEffort(j, (s & 1) == 0 ? 0.01 : -0.01);
                }
            }
            plant.advance(1);
            if (s % 100 == 0) {
                plant.saveState(saved, 0);
                plant.restoreState(saved, 0);
            }
        }
    }

    private static void assertListsNames(final IllegalArgumentException e, final String expected) {
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
