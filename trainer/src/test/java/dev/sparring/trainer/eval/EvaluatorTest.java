package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.plant.Plant;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** Acts {@code t + offset}: over steps 0…3 of a seed-3 episode, 3 + 4 + 5 + 6 = 18 per unit of mass·length. */
    private static final ActionFunction RAMP = (observation, action) -> action[0] = observation[0] + observation[1];

    @Test
    void shouldReturnTheHandComputedReturnOfAnEpisode() {
        final Evaluator evaluator = new Evaluator(new ScriptedEnv(4), RAMP, DisturbanceMode.none());

        assertEquals(18.0, evaluator.runEpisode(3L));
        assertEquals(4, evaluator.lastEpisodeLength());
        assertEquals(6.0, evaluator.runEpisode(8L), "seed 8 has offset 0: 0 + 1 + 2 + 3");
    }

    @Test
    void shouldStopAtTerminationAndReportTheShorterLength() {
        final Evaluator evaluator = new Evaluator(new ScriptedEnv(4, 2), RAMP, DisturbanceMode.none());

        assertEquals(3.0 + 4.0, evaluator.runEpisode(3L));
        assertEquals(2, evaluator.lastEpisodeLength());
    }

    @Test
    void shouldReportMeanAndPopulationStdOverEpisodesFromDerivedSeeds() {
        final Evaluator evaluator = new Evaluator(new ScriptedEnv(4), RAMP, DisturbanceMode.none());

        final EvaluationResult result = evaluator.evaluate(5, 11L);

        final double[] expected = new double[5];
        for (int k = 0; k < 5; k++) {
            expected[k] = 6.0 + 4.0 * (Evaluator.episodeSeed(11L, k) & 7);
        }
        assertArrayEquals(expected, result.returns());
        assertArrayEquals(new int[] {4, 4, 4, 4, 4}, result.lengths());
        double mean = 0.0;
        for (final double r : expected) {
            mean += r / 5.0;
        }
        double variance = 0.0;
        for (final double r : expected) {
            variance += (r - mean) * (r - mean) / 5.0;
        }
        assertEquals(mean, result.meanReturn(), 1e-12);
        assertEquals(Math.sqrt(variance), result.stdReturn(), 1e-12);
        assertEquals(4.0, result.meanLength());
        assertTrue(result.stdReturn() > 0.0, "the derived seeds should give different offsets");
    }

    @Test
    void shouldDeriveDistinctEpisodeSeedsDeterministically() {
        assertEquals(Evaluator.episodeSeed(1L, 0), Evaluator.episodeSeed(1L, 0));
        assertNotEquals(Evaluator.episodeSeed(1L, 0), Evaluator.episodeSeed(1L, 1));
        assertNotEquals(Evaluator.episodeSeed(1L, 0), Evaluator.episodeSeed(2L, 0));
    }

    @Test
    void shouldEvaluateAtChangedParametersAndRestoreThemAfterwards() {
        final ScriptedEnv env = new ScriptedEnv(4);
        final Plant plant = env.plant();
        final int mass = plant.parameterIndex("mass_kg");
        final int length = plant.parameterIndex("length_m");
        plant.setParameter(length, 1.5);
        final Evaluator evaluator = new Evaluator(env, RAMP, DisturbanceMode.none());

        final EvaluationResult result = evaluator.evaluate(1, 0L, p -> p.setParameter(mass, 2.0));

        assertEquals(2.0, env.massAtReset());
        assertEquals((6.0 + 4.0 * (Evaluator.episodeSeed(0L, 0) & 7)) * 2.0 * 1.5, result.meanReturn(), 1e-12);
        assertEquals(1.0, plant.parameter(mass));
        assertEquals(1.5, plant.parameter(length));
    }

    @Test
    void shouldRestoreParametersWhenAnEpisodeThrows() {
        final ScriptedEnv env = new ScriptedEnv(4);
        final int mass = env.plant().parameterIndex("mass_kg");
        final Evaluator evaluator = new Evaluator(env, (observation, action) -> {
            throw new IllegalStateException("policy failed");
        }, DisturbanceMode.none());

        assertThrows(IllegalStateException.class, () -> evaluator.evaluate(1, 0L, p -> p.setParameter(mass, 3.0)));
        assertEquals(1.0, env.plant().parameter(mass));
    }

    @Test
    void shouldDrawRandomForcesWithinTheScaledBoundReproduciblyPerSeed() {
        final ScriptedEnv env = new ScriptedEnv(50);
        final double[] forces = new double[100];
        final ActionFunction recordPreviousForces = (observation, action) -> {
            final int t = (int) observation[0];
            if (t > 0) {
                forces[2 * (t - 1)] = env.firstForceN();
                forces[2 * (t - 1) + 1] = env.secondForceN();
            }
            action[0] = 0.0;
        };
        final Evaluator evaluator = new Evaluator(env, recordPreviousForces, DisturbanceMode.random(0.5));

        final double first = evaluator.runEpisode(7L);
        forces[98] = env.firstForceN();
        forces[99] = env.secondForceN();
        final double[] firstForces = forces.clone();
        final double again = evaluator.runEpisode(7L);
        forces[98] = env.firstForceN();
        forces[99] = env.secondForceN();
        final double[] againForces = forces.clone();
        final double other = evaluator.runEpisode(8L);

        assertArrayEquals(firstForces, againForces, "the same seed gives the same forces");
        assertEquals(first, again);
        assertNotEquals(first, other, "another seed gives other forces");
        double sumOfFirstComponents = 0.0;
        double largest = 0.0;
        for (int i = 0; i < firstForces.length; i++) {
            assertTrue(Math.abs(firstForces[i]) <= 0.5 * ScriptedEnv.BOUND_N, "force " + firstForces[i]);
            largest = Math.max(largest, Math.abs(firstForces[i]));
            if (i % 2 == 0) {
                sumOfFirstComponents += firstForces[i];
            }
        }
        assertTrue(largest > 0.9, "100 uniform draws in [-1, 1) should come near the bound, largest " + largest);
        assertEquals(sumOfFirstComponents, first, 1e-12, "with a zero action the return is the sum of the forces");
    }

    @Test
    void shouldPassTheAdversarysForcesToTheEnvironment() {
        final Evaluator evaluator = new Evaluator(new ScriptedEnv(4), RAMP,
            DisturbanceMode.adversary(() -> (observation, forces) -> {
                forces[0] = observation[0];
                forces[1] = 0.0;
            }));

        assertEquals(18.0 + 0.0 + 1.0 + 2.0 + 2.0, evaluator.runEpisode(3L),
            "forces t = 0, 1, 2, 3 clipped by the task to its bound 2");
    }

    @Test
    void shouldRefuseADisturbanceOnATaskWithoutAnAdversaryChannel() {
        final ScriptedEnv env = new ScriptedEnv(4).withoutAdversary();

        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new Evaluator(env, RAMP, DisturbanceMode.random(1.0)));
        assertTrue(e.getMessage().contains("no adversary channel"), e.getMessage());
    }

    @Test
    void shouldRejectARandomMagnitudeOutsideTheBound() {
        assertThrows(IllegalArgumentException.class, () -> DisturbanceMode.random(1.5));
        assertThrows(IllegalArgumentException.class, () -> DisturbanceMode.random(0.0));
    }

    @Test
    void shouldRunEpisodesWithoutAllocating() {
        final Evaluator evaluator = new Evaluator(new ScriptedEnv(200), RAMP, DisturbanceMode.random(1.0));

        AllocationProbe.bytesAllocated(2_000, i -> evaluator.runEpisode(i));
        assertEquals(0L, AllocationProbe.bytesAllocatedWhenSteady(500, i -> evaluator.runEpisode(i)));
    }
}
