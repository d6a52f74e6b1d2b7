package dev.sparring.trainer.colearn.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fleet's robots dealt to supervisors in contiguous blocks, seen from both ends. */
final class FleetConfigTest {
    @Test
    void shouldStartEverySupervisorsBlockAtTheFirstRobotItOwns() {
        for (int robots = 2; robots <= 40; robots++) {
            for (int supervisors = 1; supervisors <= robots; supervisors++) {
                final FleetConfig config = FleetConfig.defaults(robots, supervisors, 64, 256, 2, SharingMode.COLEARN,
                    0);
                assertEquals(0, config.firstRobot(0));
                assertEquals(robots, config.firstRobot(supervisors));
                for (int i = 0; i < robots; i++) {
                    final int s = config.supervisorOf(i);
                    final String where = "robot " + i + " of " + robots + " with " + supervisors + " supervisors";
                    assertTrue(config.firstRobot(s) <= i && i < config.firstRobot(s + 1), where);
                }
            }
        }
    }
}
