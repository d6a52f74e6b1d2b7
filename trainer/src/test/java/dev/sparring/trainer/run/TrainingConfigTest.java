package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(error.getMessage().startsWith("no task named 'Walker2d-v5'; expected one of"), error.getMessage());
    }
}
