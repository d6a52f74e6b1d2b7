package dev.sparring.controller.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class ExperienceLogConfigTest {
    private final ExperienceLogConfig defaults = ExperienceLogConfig.defaults(Path.of("log"));

    @Test
    void shouldDefaultToHourlyFilesUnlimitedRetentionAndNoSync() {
        assertEquals(ExperienceLogConfig.DEFAULT_ROLL_CYCLE, defaults.rollCycle());
        assertEquals(SyncPolicy.NONE, defaults.syncPolicy());
        assertEquals(0, defaults.retentionMaxBytes());
        assertEquals(3L << 29, defaults.withRetention(1.5, 0).retentionMaxBytes());
    }

    @Test
    void shouldNameTheFieldAndValueWhenInvalid() {
        assertEquals("experience log retentionMaxGiB must be finite and >= 0 (0 = unlimited), was -1.0",
            assertThrows(IllegalArgumentException.class, () -> defaults.withRetention(-1, 0)).getMessage());
        assertEquals("experience log retentionMaxDays must be >= 0 (0 = unlimited), was -2",
            assertThrows(IllegalArgumentException.class, () -> defaults.withRetention(0, -2)).getMessage());
        assertEquals("experience log syncPeriodMs must be > 0 with sync policy PERIODIC, was 0",
            assertThrows(IllegalArgumentException.class, () -> defaults.withSync(SyncPolicy.PERIODIC, 0))
                .getMessage());
        assertEquals("experience log retentionMaxGiB must be finite and >= 0 (0 = unlimited), was NaN",
            assertThrows(IllegalArgumentException.class, () -> defaults.withRetention(Double.NaN, 0)).getMessage());
    }
}
