package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparring.hal.config.ConfigException;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** A YAML training configuration: the names of config.txt, flat or nested, refused with file, line and name. */
class TrainingConfigFileTest {
    private static final TrainingConfig DEFAULTS = TrainingConfig.defaults("hopper", Algorithm.PPO, false, 0L,
        100_000L);

    @Test
    void shouldApplyFlatAndNestedSettingsByTheirConfigTxtNames() {
        final TrainingConfigFile file = TrainingConfigFile.parse("run.yaml", """
            task: hopper
            totalSteps: 50000
            ppo.epochs: 7
            ppo:
              learningRate: 1e-4
              annealLearningRate: true
            policy:
              hiddenSizes: [32, 16]
            """);
        final TrainingConfig config = file.applyTo(DEFAULTS, Set.of("task"));
        assertEquals(50_000L, config.totalSteps());
        assertEquals(7, config.ppo().epochs());
        assertEquals(1e-4, config.ppo().learningRate());
        assertEquals(true, config.ppo().annealLearningRate());
        assertEquals(32, config.policy().hiddenSizes()[0]);
        assertEquals(16, config.policy().hiddenSizes()[1]);
        assertEquals("hopper", file.value("task").orElseThrow());
    }

    @Test
    void shouldNameTheLineOfAnUnknownSetting() {
        final ConfigException e = assertThrows(ConfigException.class, () -> TrainingConfigFile.parse("run.yaml", """
            task: hopper
            ppo:
              epoch: 3
            """));
        assertEquals("run.yaml line 3: unknown setting 'ppo.epoch'; the settings are [task, algorithm,",
            e.getMessage().substring(0, e.getMessage().indexOf("algorithm,") + "algorithm,".length()));
    }

    @Test
    void shouldNameTheLineOfAValueOfTheWrongType() {
        final ConfigException e = assertThrows(ConfigException.class, () -> TrainingConfigFile.parse("run.yaml", """
            envs: 4
            ppo.clipValueLoss: maybe
            """));
        assertEquals("run.yaml line 2: setting 'ppo.clipValueLoss' = 'maybe' is not a valid boolean (expected true "
            + "or false)", e.getMessage());
        final ConfigException list = assertThrows(ConfigException.class, () -> TrainingConfigFile.parse("run.yaml",
            "envs: [1, [2]]\n"));
        assertEquals("run.yaml line 1: envs must be a list of numbers", list.getMessage());
    }

    @Test
    void shouldNameTheLineOfASettingTheRunRefusesWithTheOthers() {
        final TrainingConfigFile file = TrainingConfigFile.parse("run.yaml", """
            envs: 4
            ppo.minibatches: 30
            """);
        final ConfigException e = assertThrows(ConfigException.class, () -> file.applyTo(DEFAULTS, Set.of()));
        assertEquals("run.yaml line 2 (ppo.minibatches): ppo.minibatches must divide the batch size 1024, was 30",
            e.getMessage());
        final ConfigException unused = assertThrows(ConfigException.class, () -> TrainingConfigFile.parse("run.yaml",
            "trpo.deltaKl: 0.02\n").applyTo(DEFAULTS, Set.of()));
        assertEquals("run.yaml line 1 (trpo.deltaKl): trpo.deltaKl is a TRPO setting, but this run trains with PPO; "
            + "choose --algo trpo or drop it", unused.getMessage());
    }

    @Test
    void shouldRefuseASettingGivenTwice() {
        final ConfigException e = assertThrows(ConfigException.class, () -> TrainingConfigFile.parse("run.yaml", """
            ppo.epochs: 3
            ppo:
              epochs: 4
            """));
        assertEquals("run.yaml line 3: ppo.epochs is given twice", e.getMessage());
    }
}
