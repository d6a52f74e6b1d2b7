package dev.sparring.hal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variants of a description: overrides merge into mappings and replace everything else. */
class ConfigNodeMergeTest {
    private static final int LIMIT = 4096;

    @Test
    void shouldMergeMappingsKeyByKeyAndReplaceOtherValues() {
        final ConfigNode base = YamlDocument.parse("base.yaml",
            "a: {b: 1, c: {d: 2, e: 3}}\nlist: [p, q]\nname: x\ngone: {g: 1}\n", LIMIT, 8, "test file");
        final ConfigNode overrides = YamlDocument.parse("types.yaml", "a: {c: {e: 30, f: 4}}\nlist: [z]\ngone: null\n", LIMIT, 8,
            "test file");

        final ConfigNode merged = base.mergedWith(overrides);

        assertEquals(1.0, merged.child("a").number("b"), "kept");
        assertEquals(2.0, merged.child("a").child("c").number("d"), "kept, one level further down");
        assertEquals(30.0, merged.child("a").child("c").number("e"), "replaced");
        assertEquals(4.0, merged.child("a").child("c").number("f"), "added");
        assertEquals(List.of("z"), merged.strings("list"), "a list is replaced whole, never merged");
        assertEquals("x", merged.string("name"));
        assertTrue(!merged.has("gone"), "null removes the field, as in a JSON Merge Patch");
        assertEquals(2.0, base.child("a").child("c").number("d"), "the base is left as it was");
        assertEquals(3.0, base.child("a").child("c").number("e"));
    }

    @Test
    void shouldLoadAVariantOfARobotAndNameBothFilesInItsErrors(@TempDir final Path directory) throws Exception {
        final Path robot = directory.resolve("robot.yaml");
        Files.writeString(robot, """
            name: arm
            backend: mock
            joints:
              - {name: j0, max_velocity: 1.0, max_effort: 2.0}
            """);
        final ConfigNode variant = YamlDocument.parse("fleet.yaml", "name: arm-heavy\n", LIMIT, 8, "test file");
        assertEquals("arm-heavy", RobotDescription.load(robot, variant).spec().name());

        final ConfigNode bad = YamlDocument.parse("fleet.yaml", "backend: 7\n", LIMIT, 8, "test file");
        final ConfigException error = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
            () -> RobotDescription.load(robot, bad).spec());
        assertTrue(error.getMessage().contains("robot.yaml [with fleet.yaml]"), error.getMessage());
    }
}
