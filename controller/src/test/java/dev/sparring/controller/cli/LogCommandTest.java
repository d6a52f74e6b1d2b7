package dev.sparring.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.log.DamagedQueues;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceLoggerAgent;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.LogDamage;
import dev.sparring.controller.log.RecordType;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine;

class LogCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final RingBuffer ring = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final ExperienceRecordFlyweight flyweight = new ExperienceRecordFlyweight();

    private int run(final String... args) {
        final CommandLine commandLine = new CommandLine(new LogCommand());
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    private void offer(final RecordType type, final long episode, final long step, final int observations) {
        final int length = ExperienceRecordFlyweight.length(observations, observations > 0 ? 1 : 0, 0);
        final int index = ring.tryClaim(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, length);
        flyweight.wrap(ring.buffer(), index).header(type, 0, observations, observations > 0 ? 1 : 0, 0)
            .robotId(5).episodeId(episode).stepIndex(step).timestampNs(1_000_000L * (episode * 100 + step))
            .policyId(9).policyVersion(2).reward(1.5).logProbability(0);
        for (int i = 0; i < observations; i++) {
            flyweight.observation(i, i + 0.5);
        }
        if (observations > 0) {
            flyweight.action(0, -1);
        }
        flyweight.seal();
        ring.commit(index);
    }

    private void writeLog() {
        final ExperienceLoggerAgent agent = new ExperienceLoggerAgent(ExperienceLogConfig.defaults(directory), ring,
            Throwable::printStackTrace, new CachedNanoClock());
        agent.onStart();
        for (int episode = 0; episode < 2; episode++) {
            offer(RecordType.EPISODE_START, episode, 0, 0);
            for (int step = 0; step < 3; step++) {
                offer(RecordType.STEP, episode, step, 2);
            }
            offer(RecordType.EPISODE_END, episode, 3, 0);
        }
        agent.doWork();
        agent.onClose();
    }

    @Test
    void shouldInspectRobotsEpisodesRecordsSpanAndPolicies() {
        writeLog();
        assertEquals(0, run("inspect", directory.toString()));
        final String text = out.toString();
        assertTrue(text.contains(": 10 records"), text);
        assertTrue(text.contains("STEP: 6"), text);
        assertTrue(text.contains("robots: [5]"), text);
        assertTrue(text.contains("episodes: 2 (ids 0..1)"), text);
        assertTrue(text.contains("time span: 0 .. 103000000 ns (0.103 s)"), text);
        assertTrue(text.contains("policies (id/version): [0000000000000009/2]"), text);
    }

    @Test
    void shouldExportOneCsvRowPerRecordWithNumberedVectorColumns() throws IOException {
        writeLog();
        final Path csv = directory.resolveSibling(directory.getFileName() + ".csv");
        assertEquals(0, run("export", "--csv", csv.toString(), directory.toString()));
        final List<String> lines = Files.readAllLines(csv);
        Files.delete(csv);
        assertEquals(11, lines.size());
        assertEquals("type,flags,robot_id,episode_id,step_index,timestamp_ns,policy_id,policy_version,reward,"
            + "log_probability,obs_0,obs_1,act_0", lines.get(0));
        assertEquals("EPISODE_START,0,5,0,0,0,9,2,1.5,0,,,", lines.get(1));
        assertEquals("STEP,0,5,0,1,1000000,9,2,1.5,0,0.5,1.5,-1", lines.get(3));
    }

    /** One damage per case: the cycle file and its data excerpts' positions are handed to the corruption. */
    private interface Corruption {
        void apply(Path file, List<Long> excerpts);
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
            Arguments.of("zeros over the middle", (Corruption) (file, excerpts) -> DamagedQueues.zero(file,
                excerpts.get(300), (int) (excerpts.get(400) - excerpts.get(300))), 900),
            Arguments.of("truncation", (Corruption) (file, excerpts) -> DamagedQueues.truncate(file,
                excerpts.get(700) + 20), 700),
            Arguments.of("a flipped bit in a payload", (Corruption) (file, excerpts) -> DamagedQueues.flipBit(file,
                excerpts.get(123) + 100, 0), 999));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void shouldAgreeWithTheReaderOnWhatIsReadableAndReportTheDamage(final String name, final Corruption corruption,
        final long readable) throws IOException {
        DamagedQueues.writeSteps(directory, 1000);
        final Path file = DamagedQueues.cycleFile(directory);
        final List<Long> excerpts = DamagedQueues.excerptPositions(file);
        corruption.apply(file, excerpts);
        final List<Throwable> errors = new ArrayList<>();
        final List<LogDamage> damage;
        long read = 0;
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, errors::add)) {
            int n;
            while ((n = reader.poll(record -> { }, 100)) > 0) {
                read += n;
            }
            damage = List.copyOf(reader.damage());
        }
        assertEquals(readable, read);
        assertEquals(damage.size(), errors.size());

        assertEquals(LogCommand.EXIT_DAMAGED, run("inspect", directory.toString()));
        final String inspected = out.toString();
        assertTrue(inspected.contains(directory + ": " + read + " records"), inspected);
        final Path csv = directory.resolveSibling(directory.getFileName() + ".csv");
        out.getBuffer().setLength(0);
        assertEquals(LogCommand.EXIT_DAMAGED, run("export", "--csv", csv.toString(), directory.toString()));
        final String exported = out.toString();
        final long rows = Files.readAllLines(csv).size() - 1;
        Files.delete(csv);
        assertEquals(read, rows);
        assertTrue(exported.contains(": " + read + " records"), exported);
        for (final LogDamage place : damage) {
            assertTrue(place.toString().startsWith(file + " at byte "), place.toString());
            assertTrue(inspected.contains("damage: " + place), inspected);
            assertTrue(exported.contains("damage: " + place), exported);
        }
        assertTrue(inspected.contains("  DAMAGED at " + damage.size()), inspected);
    }

    @Test
    void shouldReportADirectoryThatIsNotALogAsBadInput() throws IOException {
        final Path empty = Files.createDirectory(directory.resolve("empty"));
        final CommandLine commandLine = new CommandLine(new LogCommand());
        final Exception[] thrown = new Exception[1];
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            thrown[0] = e;
            return 2;
        });
        assertEquals(2, commandLine.execute("inspect", empty.toString()));
        assertInstanceOf(IOException.class, thrown[0]);
        assertTrue(thrown[0].getMessage().contains("is not a Chronicle queue"), thrown[0].getMessage());
    }
}
