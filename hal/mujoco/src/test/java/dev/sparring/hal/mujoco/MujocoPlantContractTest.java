package dev.sparring.hal.mujoco;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantContractTest;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** The plant contract, on each bundled MuJoCo robot. */
@ExtendWith(RequiresMujoco.class)
class MujocoPlantContractTest {
    /** A contract run on one bundled model, closing every plant it made. */
    abstract static class OnModel extends PlantContractTest {
        private final List<MujocoPlant> made = new ArrayList<>();

        abstract String model();

        @Override
        protected Plant newPlant() {
            final MujocoPlant plant = MujocoPlant.bundled(model());
            made.add(plant);
            return plant;
        }

        @AfterEach
        void closePlants() {
            made.forEach(MujocoPlant::close);
        }
    }

    @Nested
    class InvertedPendulum extends OnModel {
        @Override
        String model() {
            return "inverted_pendulum";
        }
    }

    @Nested
    class HalfCheetah extends OnModel {
        @Override
        String model() {
            return "half_cheetah";
        }
    }

    @Nested
    class Swimmer extends OnModel {
        @Override
        String model() {
            return "swimmer";
        }
    }

    @Nested
    class Hopper extends OnModel {
        @Override
        String model() {
            return "hopper";
        }
    }

    @Nested
    class Walker2d extends OnModel {
        @Override
        String model() {
            return "walker2d";
        }
    }
}
