package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.AllocationProbe;

import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stepping, the state and input views, warnings and errors as step results, determinism, allocation. */
@ExtendWith(RequiresMujoco.class)
class MujocoDataTest {
    private static final int X = 0;

    @Test
    void shouldAccelerateTheSliderByForceOverMassFromCtrlAndFromAnAppliedForce() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"));
             MujocoData data = model.makeData()) {
            final int slide = model.jointDofAddress().get(model.id(MujocoObject.JOINT, "slide"));
            final int slider = model.id(MujocoObject.BODY, "slider");
            data.ctrl().set(model.id(MujocoObject.ACTUATOR, "slide_motor"), 3.0);
            data.xfrcApplied().set(slider, X, 5.0);

            assertEquals(StepResult.OK, data.forward());

            assertEquals((3.0 + 5.0) / 2.0, data.qacc().get(slide), 1e-12);
        }
    }

    @Test
    void shouldAdvanceTimeByTheTimestepPerStepAndUpdateSensors() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"));
             MujocoData data = model.makeData()) {
            final int hinge = model.jointQposAddress().get(model.id(MujocoObject.JOINT, "hinge"));
            data.qpos().set(hinge, 0.5);

            assertEquals(StepResult.OK, data.step(100));

            assertEquals(100 * 0.002, data.timeS(), 1e-12);
            assertTrue(data.qpos().get(hinge) < 0.5, "gravity swings the pole back towards hanging");
            assertEquals(StepResult.OK, data.forward());
            final int angle = model.sensorAddress().get(model.id(MujocoObject.SENSOR, "hinge_angle"));
            assertEquals(data.qpos().get(hinge), data.sensordata().get(angle));
            data.reset();
            assertEquals(0.0, data.timeS());
            assertEquals(0.0, data.qpos().get(hinge));
        }
    }

    @Test
    void shouldFlagAModelDrivenUnstableAsAWarningAndKeepRunning() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"));
             MujocoData data = model.makeData()) {
            final int pole = model.id(MujocoObject.BODY, "pole");
            data.xfrcApplied().set(pole, 4, 1e12);

            final StepResult result = data.step(1000);

            assertEquals(StepResult.WARNING, result);
            assertEquals(1, data.warningCount(MujocoWarning.BAD_QACC));
            assertTrue(data.lastMessage().startsWith("MuJoCo warning: "), data.lastMessage());
            assertTrue(data.lastMessage().contains("QACC at DOF 0. The simulation is unstable"), data.lastMessage());
            assertEquals(model.timestepS(), data.timeS(),
                "MuJoCo reset the state within the first step (which then integrated once) and stepping stopped");
            data.reset();
            assertEquals(0, data.warningCount(MujocoWarning.BAD_QACC));
            assertEquals(StepResult.OK, data.step(10));
        }
    }

    @Test
    void shouldReturnMujocosErrorInsteadOfExitingWhenTheEngineFails() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("stack_overflow.xml"));
             MujocoData data = model.makeData()) {
            StepResult result = StepResult.OK;
            for (int i = 0; i < 1000 && result == StepResult.OK; i++) {
                result = data.step(1);
            }

            assertEquals(StepResult.ERROR, result);
            assertEquals("MuJoCo error (the data was reset): Stack overflow", data.lastMessage());
            assertEquals(0.0, data.timeS());
            assertEquals(StepResult.OK, data.step(1), "the reset data steps again (free fall, no contact yet)");
        }
    }

    @Test
    void shouldRepeatATrajectoryBitForBitFromTheSameStateAndControls() {
        try (MujocoModel first = MujocoModel.load(TestModels.path("pendulum.xml"));
             MujocoModel second = MujocoModel.load(TestModels.path("pendulum.xml"))) {
            final double[] one = trajectory(first);
            final double[] again = trajectory(first);
            final double[] otherModel = trajectory(second);

            assertArrayEquals(one, again);
            assertArrayEquals(one, otherModel);
            assertNotEquals(0.0, one[one.length - 4], "the trajectory moved");
        }
    }

    private static double[] trajectory(final MujocoModel model) {
        final int steps = 500;
        final double[] states = new double[steps * (model.nq() + model.nv())];
        try (MujocoData data = model.makeData()) {
            data.qpos().set(0, 0.3);
            for (int t = 0; t < steps; t++) {
                data.ctrl().set(0, 1.5 * Math.sin(0.05 * t));
                data.ctrl().set(1, 8.0 * Math.cos(0.03 * t));
                assertEquals(StepResult.OK, data.step(1));
                final int at = t * (model.nq() + model.nv());
                data.qpos().copyTo(0, states, at, model.nq());
                data.qvel().copyTo(0, states, at + model.nq(), model.nv());
            }
        }
        return states;
    }

    @Test
    void shouldAllocateNothingPerStep() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"));
             MujocoData data = model.makeData()) {
            final double[] state = new double[model.nq()];
            final IntConsumer tick = i -> {
                data.ctrl().set(0, (i % 7) * 0.1);
                data.xfrcApplied().set(1, 0, 0.01);
                data.step(2);
                data.qpos().copyTo(0, state, 0, state.length);
                state[0] += data.qvel().get(0) + data.sensordata().get(0) + data.timeS()
                    + data.warningCount(MujocoWarning.BAD_QACC) + model.bodyMass().get(1);
                if ((i & 1023) == 0) {
                    data.reset();
                }
            };

            AllocationProbe.bytesAllocated(20_000, tick);

            assertEquals(0L, AllocationProbe.bytesAllocatedWhenSteady(20_000, tick));
        }
    }
}
