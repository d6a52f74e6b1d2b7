package dev.sparring.trainer.colearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.config.YamlDocument;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The correspondences ρ a robot description declares interchangeable, the identity always first. */
final class CorrespondenceDeclarationTest {
    private static final Path CARTPOLE = Path.of("..", "robots", "cartpole.yaml");

    private static RobotDescription withColearn(final String yaml) {
        return RobotDescription.load(CARTPOLE, YamlDocument.parse("test", yaml, 4096, 8, "test"));
    }

    @Test
    void shouldGiveTheIdentityAloneWhenNoneIsDeclared() {
        final Correspondence[] declared = Correspondence.declaredBy(RobotDescription.load(CARTPOLE), 4, 1);
        assertEquals(1, declared.length);
        assertArrayEquals(new int[] {0, 1, 2, 3}, declared[0].observation());
    }

    @Test
    void shouldReadEachDeclaredPermutationAfterTheIdentity() {
        final Correspondence[] declared = Correspondence.declaredBy(withColearn(
            "colearn: {interchangeable: [{observation: [1, 0, 3, 2], action: [0]}]}"), 4, 1);
        assertEquals(2, declared.length);
        assertArrayEquals(new int[] {1, 0, 3, 2}, declared[1].observation());
        assertArrayEquals(new int[] {0}, declared[1].action());
    }

    @Test
    void shouldNameTheEntryThatIsNotAPermutation() {
        final ConfigException wrongLength = assertThrows(ConfigException.class, () -> Correspondence.declaredBy(
            withColearn("colearn: {interchangeable: [{observation: [1, 0]}]}"), 4, 1));
        assertTrue(wrongLength.getMessage().contains("colearn.interchangeable[0].observation must list 4 positions"),
            wrongLength.getMessage());
        final ConfigException repeated = assertThrows(ConfigException.class, () -> Correspondence.declaredBy(
            withColearn("colearn: {interchangeable: [{observation: [0, 0, 1, 2]}]}"), 4, 1));
        assertTrue(repeated.getMessage().contains("colearn.interchangeable[0]"), repeated.getMessage());
    }
}
