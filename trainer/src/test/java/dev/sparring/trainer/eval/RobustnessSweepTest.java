package dev.sparring.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.plant.Plant;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustnessSweepTest {
    private static final ActionFunction ONE = (observation, action) -> action[0] = 1.0;
    private static final ActionFunction RAMP = (observation, action) -> action[0] = observation[0] + observation[1];

    @TempDir
    Path dir;

    @Test
    void shouldSetEachCellsParametersExactlyAndRestoreTheNominalOnes() {
        final ScriptedEnv env = new ScriptedEnv(4);
        final Plant plant = env.plant();
        final int mass = plant.parameterIndex("mass_kg");
        final int length = plant.parameterIndex("length_m");
        plant.setParameter(mass, 1.3);
        plant.setParameter(length, 0.7);
        final double[] multipliersA = {0.5, 1.0, 1.5};
        final double[] multipliersB = {0.9, 1.1};
        final List<double[]> seen = new ArrayList<>();
        final ActionFunction recording = (observation, action) -> {
            if (observation[0] == 0) {
                seen.add(new double[] {env.massAtReset(), env.lengthAtReset()});
            }
            RAMP.act(observation, action);
        };

        final SweepResult result = RobustnessSweep.grid(ParameterAxis.scaled("mass_kg", multipliersA),
            ParameterAxis.scaled("length_m", multipliersB), 2, 5L).run(env, recording, DisturbanceMode.none());

        assertEquals(3 * 2 * 2, seen.size());
        int episode = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double expectedMean = 0.0;
                for (int k = 0; k < 2; k++) {
                    assertEquals(1.3 * multipliersA[i], seen.get(episode)[0], "mass in cell " + i + "," + j);
                    assertEquals(0.7 * multipliersB[j], seen.get(episode)[1], "length in cell " + i + "," + j);
                    expectedMean += (6.0 + 4.0 * (Evaluator.episodeSeed(5L, k) & 7)) / 2.0;
                    episode++;
                }
                assertEquals(expectedMean * 1.3 * multipliersA[i] * 0.7 * multipliersB[j], result.meanReturn(i, j),
                    1e-12);
            }
        }
        assertEquals(1.3, plant.parameter(mass));
        assertEquals(0.7, plant.parameter(length));
        assertEquals(List.of("mass_kg"), result.parametersA());
    }

    @Test
    void shouldWriteOneCsvRowPerCellOfATinyGrid() throws Exception {
        final SweepResult result = RobustnessSweep.grid(ParameterAxis.scaled("mass_kg", 0.5, 2.0),
            ParameterAxis.scaled("length_m", 1.0, 3.0), 1, 0L).run(new ScriptedEnv(4), ONE, DisturbanceMode.none());
        final Path csv = dir.resolve("grid.csv");

        result.writeCsv(csv);

        assertEquals("""
            param_a,param_b,multiplier_a,multiplier_b,mean_return,std_return,episodes
            mass_kg,length_m,0.5,1,2,0,1
            mass_kg,length_m,0.5,3,6,0,1
            mass_kg,length_m,2,1,8,0,1
            mass_kg,length_m,2,3,24,0,1
            """, Files.readString(csv));
    }

    @Test
    void shouldReadBackTheGridItWroteAndCutCurvesThroughIt() throws Exception {
        final Path csv = dir.resolve("grid.csv");
        Files.writeString(csv, """
            param_a,param_b,multiplier_a,multiplier_b,mean_return,std_return,episodes
            mass,friction,0.5,0.5,1,0.1,10
            mass,friction,0.5,1,2,0.2,10
            mass,friction,0.5,1.5,3,0.3,10
            mass,friction,1.5,0.5,4,0.4,10
            mass,friction,1.5,1,5,0.5,10
            mass,friction,1.5,1.5,6,0.6,10
            """);

        final SweepResult grid = SweepResult.readCsv(csv);

        assertTrue(grid.isGrid());
        assertEquals("mass", grid.axisA().label());
        assertEquals(List.of("friction"), grid.parametersB());
        assertEquals(5.0, grid.meanReturn(1, 1));
        assertEquals(0.6, grid.stdReturn(1, 2));
        assertEquals(10, grid.episodesPerCell());
        final SweepResult massAtNominalFriction = grid.alongA(1);
        assertEquals("mass", massAtNominalFriction.axisA().label());
        assertEquals(2.0, massAtNominalFriction.meanReturn(0, 0));
        assertEquals(5.0, massAtNominalFriction.meanReturn(1, 0));
        assertEquals(0.5, massAtNominalFriction.stdReturn(1, 0));
        final SweepResult frictionAtHeavyMass = grid.alongB(1);
        assertEquals("friction", frictionAtHeavyMass.axisA().label());
        assertEquals(List.of(4.0, 5.0, 6.0), List.of(frictionAtHeavyMass.meanReturn(0, 0),
            frictionAtHeavyMass.meanReturn(1, 0), frictionAtHeavyMass.meanReturn(2, 0)));
        final Path again = dir.resolve("again.csv");
        grid.writeCsv(again);
        assertEquals(Files.readString(csv), Files.readString(again));
    }

    @Test
    void shouldRefuseASweepCsvWithAMissingCell() throws Exception {
        final Path csv = dir.resolve("cut.csv");
        Files.writeString(csv, """
            param_a,param_b,multiplier_a,multiplier_b,mean_return,std_return,episodes
            mass,friction,0.5,0.5,1.0,0.1,10
            mass,friction,0.5,1.0,2.0,0.2,10
            mass,friction,1.5,0.5,4.0,0.4,10
            """);

        final FileSystemException e = assertThrows(FileSystemException.class,
            () -> SweepResult.readCsv(csv));
        assertTrue(e.getMessage().contains("cut.csv: line 2 does not continue a 2 × 2 grid"), e.getMessage());
    }

    @Test
    void shouldLeaveTheSecondAxisColumnsEmptyForACurve() throws Exception {
        final SweepResult result = RobustnessSweep.curve(ParameterAxis.mass(0.5, 1.5), 3, 0L)
            .run(new ScriptedEnv(4), ONE, DisturbanceMode.none());
        final Path csv = dir.resolve("curve.csv");

        result.writeCsv(csv);

        assertEquals("""
            param_a,param_b,multiplier_a,multiplier_b,mean_return,std_return,episodes
            mass,,0.5,,2,0,3
            mass,,1.5,,6,0,3
            """, Files.readString(csv));
    }

    @Test
    void shouldGiveIdenticalResultsOnOneAndTwoThreads() {
        final RobustnessSweep sweep = RobustnessSweep.grid(ParameterAxis.scaled("mass_kg", 0.5, 0.75, 1.0, 1.25, 1.5),
            ParameterAxis.scaled("length_m", 0.8, 1.0, 1.2, 1.4), 3, 99L);
        final DisturbanceMode random = DisturbanceMode.random(1.0);

        final SweepResult inline = sweep.run(new ScriptedEnv(30), RAMP, random);
        final SweepResult one = sweep.run(() -> new ScriptedEnv(30), () -> RAMP, random, 1);
        final SweepResult two = sweep.run(() -> new ScriptedEnv(30), () -> RAMP, random, 2);

        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(inline.meanReturn(i, j), one.meanReturn(i, j));
                assertEquals(one.meanReturn(i, j), two.meanReturn(i, j), "cell " + i + "," + j);
                assertEquals(one.stdReturn(i, j), two.stdReturn(i, j), "cell " + i + "," + j);
            }
        }
        assertTrue(one.stdReturn(0, 0) > 0.0, "random forces and seeds should spread the returns");
    }

    @Test
    void shouldPassOnAFailureInAWorkerThread() {
        final RobustnessSweep sweep = RobustnessSweep.curve(ParameterAxis.mass(0.5, 1.0, 1.5), 1, 0L);

        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> sweep.run(
            () -> new ScriptedEnv(4), () -> (observation, action) -> {
                throw new IllegalStateException("policy failed");
            }, DisturbanceMode.none(), 2));
        assertEquals("policy failed", e.getMessage());
    }
}
