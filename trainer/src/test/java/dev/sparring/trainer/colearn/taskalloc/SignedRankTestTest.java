package dev.sparring.trainer.colearn.taskalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Wilcoxon's signed-rank test against exact values (scipy's {@code wilcoxon(d, method="exact")}). */
class SignedRankTestTest {
    @Test
    void shouldGiveExactTwoSidedPValues() {
        final SignedRankTest allPositive = SignedRankTest.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(55.0, allPositive.wPlus(), 0.0);
        assertEquals(2.0 / 1024.0, allPositive.p(), 1e-15);
        // d = (1, −2, 3, 4): W⁺ = 8 of 10; |W⁺ − 5| ≥ 3 for W⁺ ∈ {0, 1, 2, 8, 9, 10}: 6 of 16 sign assignments.
        final SignedRankTest mixed = SignedRankTest.of(new double[] {1, -2, 3, 0, 4});
        assertEquals(4, mixed.n());
        assertEquals(8.0, mixed.wPlus(), 0.0);
        assertEquals(6.0 / 16.0, mixed.p(), 1e-15);
        assertEquals(1.0, SignedRankTest.of(new double[] {0, 0}).p(), 0.0);
    }
}
