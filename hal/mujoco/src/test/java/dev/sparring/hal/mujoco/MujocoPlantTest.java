package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.JointType;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a MuJoCo plant adds to the contract: the MuJoCo mapping of joints, efforts, forces, parameters and state. */
@ExtendWith(RequiresMujoco.class)
class MujocoPlantTest {
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;

    @Test
    void shouldMapJointsToQposAndEffortsToTheMotorsControlOverItsGear() {
        try (MujocoPlant hopper = MujocoPlant.bundled("hopper")) {
            final int thigh = hopper.jointIndex("thigh_joint");

            hopper.setJointEffort(thigh, 100.0);

            assertEquals(6, hopper.dof());
            assertEquals(JointType.PRISMATIC, hopper.jointType(hopper.jointIndex("rootz")));
            assertEquals(JointType.REVOLUTE, hopper.jointType(thigh));
            assertFalse(hopper.isActuated(hopper.jointIndex("rootx")));
            assertEquals(0.5, hopper.data().ctrl().get(hopper.model().id(MujocoObject.ACTUATOR, "thigh_joint")),
                "100 N m over gear 200");
            assertEquals(100.0, hopper.jointEffort(thigh));
            assertEquals(1.25, hopper.q(hopper.jointIndex("rootz")), "qpos0 of rootz");
            final IllegalArgumentException passive = assertThrows(IllegalArgumentException.class,
                () -> hopper.setJointEffort(hopper.jointIndex("rooty"), 1.0));
            assertTrue(passive.getMessage().contains("'rooty' has no motor"), passive.getMessage());
        }
    }

    @Test
    void shouldPutDisturbancesInThePlaneOfItsSlideJoints() {
        try (MujocoPlant hopper = MujocoPlant.bundled("hopper");
             MujocoPlant swimmer = MujocoPlant.bundled("swimmer");
             MujocoPlant pendulum = MujocoPlant.bundled("inverted_pendulum")) {
            assertPlane(hopper, "foot", X, Z);
            assertPlane(swimmer, "torso", X, Y);
            assertPlane(pendulum, "pole", X, Z);
        }
    }

    private static void assertPlane(final MujocoPlant plant, final String body, final int first, final int second) {
        final int b = plant.bodyIndex(body);
        final int id = plant.model().id(MujocoObject.BODY, body);

        plant.setDisturbanceForce(b, 3.0, -4.0);

        assertEquals(first, plant.firstPlaneAxis(), plant.kind());
        assertEquals(second, plant.secondPlaneAxis(), plant.kind());
        final double[] wrench = new double[6];
        wrench[first] = 3.0;
        wrench[second] = -4.0;
        final double[] applied = new double[6];
        plant.data().xfrcApplied().copyTo(id * 6, applied, 0, 6);
        assertArrayEquals(wrench, applied, plant.kind());
        assertEquals(-4.0, plant.disturbanceForceYN(b));
    }

    @Test
    void shouldNameParametersWithUnitsAndChangeTheModelInPlace() {
        try (MujocoPlant hopper = MujocoPlant.bundled("hopper");
             MujocoPlant pendulum = MujocoPlant.bundled("inverted_pendulum");
             MujocoPlant cheetah = MujocoPlant.bundled("half_cheetah")) {
            final int torso = hopper.parameterIndex("torso_mass_kg");
            final double nominal = hopper.parameter(torso);

            hopper.setParameter(torso, 2 * nominal);

            assertEquals(2 * nominal, hopper.model().bodyMass().get(hopper.model().id(MujocoObject.BODY, "torso")));
            assertEquals(2.0, hopper.parameter(hopper.parameterIndex("foot_geom_friction")));
            assertEquals(1.0, hopper.parameter(hopper.parameterIndex("thigh_joint_damping_nm_s_per_rad")));
            assertTrue(pendulum.parameter(pendulum.parameterIndex("pole_mass_kg")) > 5.0);
            assertEquals(cheetah.model().geomFriction().get(cheetah.model().id(MujocoObject.GEOM, "ffoot"), 0),
                cheetah.parameter(cheetah.parameterIndex("ffoot_friction")), "by geom id, not body id");
            final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> hopper.setParameter(torso, 0.0));
            assertEquals("hopper: parameter torso_mass_kg must be finite and > 0, was 0.0", zero.getMessage());
        }
    }

    @Test
    void shouldRepeatALongWalkerEpisodeExactlyFromARestoredState() {
        try (MujocoPlant walker = MujocoPlant.bundled("walker2d")) {
            walker.advance(500);
            final double[] saved = new double[walker.stateSize()];
            walker.saveState(saved, 0);
            final double[] first = drive(walker);

            walker.restoreState(saved, 0);

            assertArrayEquals(first, drive(walker), "qpos and qvel after 4000 more steps");
        }
    }

    private static double[] drive(final MujocoPlant plant) {
        for (int t = 0; t < 1000; t++) {
            for (int j = 0; j < plant.dof(); j++) {
                if (plant.isActuated(j)) {
                    plant.setJointEffort(j, 20.0 * Math.sin(0.01 * t * (j + 1)));
                }
            }
            plant.advance(4);
        }
        final double[] state = new double[plant.stateSize()];
        plant.saveState(state, 0);
        return Arrays.copyOf(state, 2 * plant.dof());
    }

    @Test
    void shouldFlagAnUnstableStepAsAFailureUntilReset() {
        try (MujocoPlant pendulum = MujocoPlant.bundled("inverted_pendulum")) {
            pendulum.setDisturbanceForce(pendulum.bodyIndex("pole"), 1e12, 0.0);

            pendulum.advance(10);

            assertTrue(pendulum.simulationFailed());
            assertTrue(pendulum.failureMessage().startsWith("MuJoCo warning: "), pendulum.failureMessage());
            pendulum.reset(new double[2], new double[2]);
            assertFalse(pendulum.simulationFailed());
            pendulum.advance(10);
            assertFalse(pendulum.simulationFailed());
        }
    }

    @Test
    void shouldReadBodyPositionsOfTheCurrentStateAfterAStep() {
        try (MujocoPlant hopper = MujocoPlant.bundled("hopper")) {
            final int torsoZ = hopper.channelIndex("torso_z_m");
            final double before = hopper.channel(torsoZ);

            hopper.advance(50);

            assertEquals(1.25, before);
            assertNotEquals(before, hopper.channel(torsoZ), "the hopper fell");
            assertEquals(hopper.q(hopper.jointIndex("rootz")), hopper.channel(torsoZ), 1e-12,
                "rootz is the torso's height");
        }
    }

    @Test
    void shouldFollowTheSameTrajectoryWhetherOrNotChannelsAreReadBetweenSteps() {
        try (MujocoPlant unread = MujocoPlant.bundled("walker2d");
             MujocoPlant read = MujocoPlant.bundled("walker2d")) {
            final int footZ = read.channelIndex("foot_z_m");
            double lowestFootZ = Double.POSITIVE_INFINITY;
            for (int t = 0; t < 2000; t++) {
                for (int j = 0; j < read.dof(); j++) {
                    if (read.isActuated(j)) {
                        final double effort = 50.0 * Math.sin(0.01 * t * (j + 1));
                        unread.setJointEffort(j, effort);
                        read.setJointEffort(j, effort);
                    }
                }
                unread.advance(1);
                read.advance(1);
                lowestFootZ = Math.min(lowestFootZ, read.channel(footZ));
            }

            assertTrue(lowestFootZ < 0.2, "the walker's foot reached the floor (contacts): " + lowestFootZ);
            final double[] expected = new double[unread.stateSize()];
            final double[] actual = new double[read.stateSize()];
            unread.saveState(expected, 0);
            read.saveState(actual, 0);
            assertArrayEquals(expected, actual, "qpos, qvel, time, act and warm start after 2000 steps");
        }
    }

    @Test
    void shouldRefuseAFreeJointSayingWhatItTakes() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MujocoPlant.load("free_body", TestModels.path("free_body.xml")));

        assertTrue(e.getMessage().contains("joint 'float' is a free or ball joint; a MuJoCo plant takes hinge and "
            + "slide joints only"), e.getMessage());
    }
}
