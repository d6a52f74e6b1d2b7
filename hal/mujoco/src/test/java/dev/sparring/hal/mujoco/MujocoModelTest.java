package dev.sparring.hal.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Loading models, names, sizes and the sweep parameters changed in place. */
@ExtendWith(RequiresMujoco.class)
class MujocoModelTest {
    @Test
    void shouldReadTheSizesAndArraysTheFileDescribes() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"))) {
            assertEquals(2, model.nq());
            assertEquals(2, model.nv());
            assertEquals(2, model.nu());
            assertEquals(3, model.nbody());
            assertEquals(2, model.ngeom());
            assertEquals(3, model.nsensor());
            assertEquals(3, model.nsensordata());
            assertEquals(0.002, model.timestepS());
            final int slider = model.id(MujocoObject.BODY, "slider");
            assertEquals(2.0, model.bodyMass().get(slider), 1e-12);
            assertEquals(0.8, model.geomFriction().get(model.id(MujocoObject.GEOM, "pole_geom"), 0));
            assertEquals(0.1, model.dofDamping().get(model.jointDofAddress().get(model.id(MujocoObject.JOINT,
                "hinge"))));
            assertEquals(1, model.jointQposAddress().get(model.id(MujocoObject.JOINT, "slide")));
            assertEquals(slider, model.geomBody().get(model.id(MujocoObject.GEOM, "slider_geom")));
            assertEquals(10.0, model.actuatorControlRange().get(model.id(MujocoObject.ACTUATOR, "slide_motor"), 1));
            assertEquals(2, model.sensorAddress().get(model.id(MujocoObject.SENSOR, "slide_position")));
            // A box's inertia about x: m (b² + c²) / 12 with half-sizes 0.1.
            assertEquals(2.0 * (0.2 * 0.2 + 0.2 * 0.2) / 12, model.bodyInertia().get(slider, 0), 1e-12);
        }
    }

    @Test
    void shouldThrowMujocosParserTextWithTheFileForAMalformedModel() {
        final Path file = TestModels.path("malformed.xml");

        final MujocoException e = assertThrows(MujocoException.class, () -> MujocoModel.load(file));

        assertTrue(e.getMessage().startsWith("MuJoCo cannot load " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("wobbly"), e.getMessage());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void shouldThrowMujocosTextForAMissingFile() {
        final Path file = Path.of("no-such-model.xml");

        final MujocoException e = assertThrows(MujocoException.class, () -> MujocoModel.load(file));

        assertTrue(e.getMessage().startsWith("MuJoCo cannot load no-such-model.xml: "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("file"), e.getMessage());
    }

    @Test
    void shouldNameTheMissingObjectAndTheFile() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"))) {
            assertEquals(false, model.has(MujocoObject.BODY, "torso"));

            final IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> model.id(MujocoObject.BODY, "torso"));

            assertEquals("no body named 'torso' in " + model.file(), e.getMessage());
        }
    }

    @Test
    void shouldRestoreEverySweepParameterBitForBit() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"))) {
            final double[] mass = model.bodyMass().toArray();
            final double[] inertia = model.bodyInertia().toArray();
            final double[] friction = model.geomFriction().toArray();
            final double[] damping = model.dofDamping().toArray();
            for (int body = 0; body < model.nbody(); body++) {
                model.bodyMass().set(body, model.bodyMass().get(body) * 1.37);
                model.bodyInertia().set(body, 2, model.bodyInertia().get(body, 2) * 0.3);
            }
            model.geomFriction().set(0, 0, 0.123);
            model.dofDamping().set(0, 7.5);
            model.timestepS(0.01);
            try (MujocoData data = model.makeData()) {
                data.step(10);
            }

            model.restoreParameters();

            assertArrayEquals(mass, model.bodyMass().toArray());
            assertArrayEquals(inertia, model.bodyInertia().toArray());
            assertArrayEquals(friction, model.geomFriction().toArray());
            assertArrayEquals(damping, model.dofDamping().toArray());
            assertEquals(0.002, model.timestepS());
        }
    }

    @Test
    void shouldRefuseANonPositiveTimestep() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"))) {
            final IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> model.timestepS(0.0));

            assertEquals("timestepS must be finite and > 0, was 0.0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> model.timestepS(Double.NaN));
        }
    }

    @Test
    void shouldRefuseUseAfterCloseAndCloseItsDataToo() {
        final MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"));
        final MujocoData data = model.makeData();
        final NativeDoubles mass = model.bodyMass();
        final NativeDoubles qpos = data.qpos();

        model.close();

        assertDoesNotThrow(model::close);
        assertDoesNotThrow(data::close);
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> mass.get(0));
        assertEquals("MujocoModel of " + model.file() + " is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> qpos.set(0, 1.0));
        assertThrows(IllegalStateException.class, () -> data.step(1));
        assertThrows(IllegalStateException.class, model::makeData);
        assertThrows(IllegalStateException.class, () -> model.id(MujocoObject.BODY, "pole"));
        assertThrows(IllegalStateException.class, model::timestepS);
    }

    @Test
    void shouldCheckBoundsOfEveryView() {
        try (MujocoModel model = MujocoModel.load(TestModels.path("pendulum.xml"));
             MujocoData data = model.makeData()) {
            assertThrows(IndexOutOfBoundsException.class, () -> data.qpos().get(2));
            assertThrows(IndexOutOfBoundsException.class, () -> data.xfrcApplied().set(1, 6, 0.0));
            assertThrows(IndexOutOfBoundsException.class, () -> model.sensorDimension().get(-1));
        }
    }
}
