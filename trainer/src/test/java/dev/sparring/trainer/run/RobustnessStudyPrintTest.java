package dev.sparring.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The table {@code eval} and {@code demo} print: a spread over seeds only where there are seeds to spread. */
class RobustnessStudyPrintTest {
    private static RobustnessStudy.MethodResult method(final String name, final double[] nominal,
        final double[] adversary) {
        final Map<String, double[]> perSeed = new LinkedHashMap<>();
        perSeed.put("nominal", nominal);
        perSeed.put("trained adversary", adversary);
        return new RobustnessStudy.MethodResult(name, perSeed, Map.of());
    }

    private static String print(final RobustnessStudy.MethodResult... results) {
        final StringWriter text = new StringWriter();
        RobustnessStudy.print(List.of(results), new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void shouldPrintTheValueAndOneSeedInsteadOfAZeroSpread() {
        assertEquals("""
            mean return                        baseline (1 seed)           rarl (1 seed)   Welch's t (rarl − baseline)
            nominal                                28.7 (1 seed)           25.7 (1 seed)   n/a
            trained adversary                      11.3 (1 seed)           10.3 (1 seed)   n/a
            """, print(method("baseline", new double[] {28.7}, new double[] {11.3}),
            method("rarl", new double[] {25.7}, new double[] {10.3})));
    }

    @Test
    void shouldPrintMeanAndSpreadOverSeveralSeedsAndSaySoWhenAConditionWasSkipped() {
        assertEquals("""
            mean return                       baseline (2 seeds)
            nominal                                   15.0 ± 5.0
            trained adversary                      not evaluated
            """, print(method("baseline", new double[] {10, 20}, new double[] {Double.NaN, Double.NaN})));
    }
}
