package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.trainer.algo.Role;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {
    @Test
    void shouldStoreAGymnasiumIdAsTheTaskItMeans() {
        final TrainingConfig config = TrainingConfig.defaults("Hopper-v4", Algorithm.PPO, true, 1L, 100_000L);
        assertEquals("hopper", config.task());
        assertEquals(5.0 * 0.25, config.adversaryBoundN(), "the authors' 5 N scale at the default fraction");
        assertEquals("walker2d", config.with(List.of("task=Walker2d-v4")).task(), "as a config file names it");
    }

    @Test
    void shouldRefuseAVersionThatIsNotAnAlias() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> TrainingConfig.defaults("Walker2d-v5", Algorithm.PPO, false, 1L, 100_000L));
        assertTrue(error.getMessage().startsWith("no task named 'Walker2d-v5'; Walker2d-v4 is (walker2d): "
            + "Gymnasium's v5 tasks are not aliases"), error.getMessage());
    }

    @Test
    void shouldListAndSetLearningRateAnnealingOffByDefault() {
        final TrainingConfig config = TrainingConfig.defaults("hopper", Algorithm.PPO, false, 1L, 100_000L);
        assertTrue(RecordText.write(config).contains("ppo.annealLearningRate = false\n"), RecordText.write(config));
        assertTrue(config.with(List.of("ppo.annealLearningRate=true")).ppo().annealLearningRate());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> config.with(List.of("ppo.annealLearningRate=yes")));
        assertTrue(e.getMessage().contains("'ppo.annealLearningRate' = 'yes' is not a valid boolean"), e.getMessage());
    }

    @Test
    void shouldListOnlyTheSettingsOfTheAlgorithmThatRuns() {
        for (final Algorithm algorithm : Algorithm.values()) {
            final TrainingConfig config = TrainingConfig.defaults("hopper", algorithm, true, 1L, 100_000L)
                .with(List.of(algorithm == Algorithm.PPO ? "ppo.epochs=7" : "trpo.deltaKl=0.02"));
            final String used = algorithm == Algorithm.PPO ? "ppo." : "trpo.";
            final String unused = algorithm == Algorithm.PPO ? "trpo." : "ppo.";
            assertTrue(config.text().contains("\n" + used), config.text());
            assertFalse(config.text().contains("\n" + unused), config.text());
            assertEquals(RecordText.write(config), RecordText.write(TrainingConfig.read(config.text(), "config.txt")));
            assertEquals(RecordText.write(config), RecordText.write(TrainingConfig.read(RecordText.write(config),
                "config.txt")), "a file of an older version, listing both");
        }
    }

    @Test
    void shouldStillRefuseAMissingSettingOfTheAlgorithmThatRuns() {
        final TrainingConfig config = TrainingConfig.defaults("hopper", Algorithm.TRPO, false, 1L, 100_000L);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TrainingConfig.read(config.text().replaceAll("trpo\\.gamma = .*\n", ""), "config.txt"));
        assertEquals("config.txt: setting 'trpo.gamma' is missing", e.getMessage());
    }

    @Test
    void shouldReadAConfigWrittenBeforeAnnealingExistedAsNotAnnealed() {
        final TrainingConfig config = TrainingConfig.defaults("hopper", Algorithm.PPO, true, 1L, 100_000L)
            .with(List.of("ppo.annealLearningRate=true"));
        final String older = RecordText.write(config).replace("ppo.annealLearningRate = true\n", "");
        assertFalse(TrainingConfig.read(older, "config.txt").ppo().annealLearningRate());
        assertTrue(TrainingConfig.read(RecordText.write(config), "config.txt").ppo().annealLearningRate());
    }

    @Test
    void shouldPlanEachPlayersUpdatesFromTheProtagonistsBudget() {
        // 8 x 256 = 2 048 steps per rollout; N_mu = 2, so an iteration takes 4 096 protagonist steps: 100 000 steps
        // need ceil(24.4) = 25 iterations, 50 protagonist updates and, with N_nu = 3, 75 adversary updates.
        final TrainingConfig config = TrainingConfig.defaults("hopper", Algorithm.PPO, true, 1L, 100_000L)
            .with(List.of("rarl.protagonistUpdates=2", "rarl.adversaryUpdates=3"));
        assertEquals(50, config.updates(Role.PROTAGONIST));
        assertEquals(75, config.updates(Role.ADVERSARY));
        assertEquals(489, TrainingConfig.defaults("hopper", Algorithm.PPO, false, 1L, 1_000_000L)
            .updates(Role.PROTAGONIST), "1 M steps in rollouts of 2 048: the last one passes the budget");
    }

    @Test
    void shouldPlanWithoutOverflowForAnUnboundedBudget() {
        // The training benchmark runs sessions of Long.MAX_VALUE steps; ⌈n/d⌉ as (n + d − 1)/d overflowed to < 0.
        final TrainingConfig config = TrainingConfig.defaults("hopper", Algorithm.PPO, true, 1L, Long.MAX_VALUE)
            .with(List.of("rarl.adversaryUpdates=3"));
        assertEquals(Math.ceilDiv(Long.MAX_VALUE, 2048L), config.updates(Role.PROTAGONIST));
        assertEquals(3 * Math.ceilDiv(Long.MAX_VALUE, 2048L), config.updates(Role.ADVERSARY));
    }
}
