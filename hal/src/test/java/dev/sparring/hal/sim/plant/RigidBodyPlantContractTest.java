package dev.sparring.hal.sim.plant;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantContractTest;

import org.junit.jupiter.api.Nested;

/**
 * The plant contract, checked on every pure-Java plant.
 */
class RigidBodyPlantContractTest {
    @Nested
    class Pendulum extends PlantContractTest {
        @Override
        protected Plant newPlant() {
            return new PendulumPlant();
        }
    }

    @Nested
    class CartPole extends PlantContractTest {
        @Override
        protected Plant newPlant() {
            return new CartPolePlant();
        }
    }

    @Nested
    class InvertedPendulum extends PlantContractTest {
        @Override
        protected Plant newPlant() {
            return new InvertedPendulumPlant();
        }
    }

    @Nested
    class TwoLinkArm extends PlantContractTest {
        @Override
        protected Plant newPlant() {
            return new TwoLinkArmPlant();
        }
    }
}
