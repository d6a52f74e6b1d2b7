package dev.sparring.trainer.run;

import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.trainer.export.OnnxExporter;
import dev.sparring.trainer.export.PolicyExporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Drives one seed's {@link TrainingSession} in its directory: {@code config.txt}, {@code metrics.csv} (a row per
 * iteration) and the same metrics as TensorBoard events (a new {@link TensorBoardEvents} file per start or resume),
 * {@code checkpoint.ckpt} (every {@code checkpointEvery} iterations, when stopped and at the end) and,
 * once the budget is used, the exported protagonist as {@code policy.policy} and {@code policy.onnx}.
 */
public final class TrainingRun {
    /** The configuration, as {@link RecordText} lines. */
    public static final String CONFIG_FILE = "config.txt";
    /** The metrics, one row per iteration. */
    public static final String METRICS_FILE = "metrics.csv";
    /** The latest checkpoint. */
    public static final String CHECKPOINT_FILE = "checkpoint.ckpt";
    /** The exported protagonist for the controller. */
    public static final String POLICY_FILE = "policy.policy";
    /** The exported protagonist for ONNX tools. */
    public static final String ONNX_FILE = "policy.onnx";

    /** How a run ended. */
    public enum Outcome {
        /** The step budget is used and the policy exported. */
        COMPLETED,
        /** Stopped on request, with a checkpoint to resume from. */
        STOPPED
    }

    private TrainingRun() {
    }

    /**
     * Trains until the budget is used or {@code stopRequested} says so (checked between iterations).
     *
     * @param session       a fresh or resumed session.
     * @param directory     the seed's directory (created if missing).
     * @param resumed       whether the session was resumed from this directory's checkpoint.
     * @param stopRequested polled between iterations, e.g. set by a Ctrl-C handler.
     * @param progress      the live display, or {@code null}.
     * @return how the run ended.
     * @throws IOException when a file cannot be written.
     */
    public static Outcome run(final TrainingSession session, final Path directory, final boolean resumed,
        final BooleanSupplier stopRequested, final ProgressBar progress) throws IOException {
        Files.createDirectories(directory);
        final TrainingConfig config = session.config();
        AtomicFiles.write(directory.resolve(CONFIG_FILE), config.text().getBytes(StandardCharsets.UTF_8));
        final int updatesPerIteration = config.rarl().protagonistUpdates();
        long iteration = session.protagonist().metrics().iteration() / updatesPerIteration;
        try (MetricsCsv metrics = MetricsCsv.open(directory.resolve(METRICS_FILE), resumed ? iteration : -1);
            TensorBoardEvents events = TensorBoardEvents.create(directory, Clock.systemUTC(),
                TensorBoardEvents.hostName())) {
            if (resumed) {
                events.restart(session.protagonist().metrics().totalSteps());
            }
            while (!session.done() && !stopRequested.getAsBoolean()) {
                session.iterate();
                iteration++;
                metrics.append(iteration, session.protagonist().metrics(),
                    session.adversary() == null ? null : session.adversary().metrics(), events);
                if (progress != null) {
                    progress.update(iteration, session.protagonist().metrics().totalSteps(), config.totalSteps(),
                        session.protagonist().metrics().meanEpisodicReturn());
                }
                if (iteration % config.checkpointEvery() == 0) {
                    CheckpointFile.write(directory.resolve(CHECKPOINT_FILE), session.checkpoint());
                }
            }
        }
        CheckpointFile.write(directory.resolve(CHECKPOINT_FILE), session.checkpoint());
        if (progress != null) {
            progress.finish(iteration, session.protagonist().metrics().totalSteps(), config.totalSteps(),
                session.protagonist().metrics().meanEpisodicReturn());
        }
        if (!session.done()) {
            return Outcome.STOPPED;
        }
        final PolicyModel model = PolicyExporter.toModel(session.snapshot());
        PolicyWriter.write(model, directory.resolve(POLICY_FILE));
        OnnxExporter.write(model, directory.resolve(ONNX_FILE));
        return Outcome.COMPLETED;
    }

    /**
     * Resumes the session saved in a seed's directory.
     *
     * @param directory a seed's directory with a checkpoint.
     * @return the session.
     * @throws IOException         when the checkpoint cannot be read.
     * @throws CheckpointException when it is corrupt or does not fit.
     */
    public static TrainingSession resume(final Path directory) throws IOException {
        return resume(directory, -1);
    }

    /**
     * Resumes the session saved in a seed's directory with a larger step budget ({@link TrainingSession#resume(
     * Checkpoint, long)}); a finished run continues from its final checkpoint.
     *
     * @param directory  a seed's directory with a checkpoint.
     * @param totalSteps the new budget, at least the stored one; -1 keeps the stored one.
     * @return the session.
     * @throws IOException              when the checkpoint cannot be read.
     * @throws CheckpointException      when it is corrupt or does not fit.
     * @throws IllegalArgumentException when {@code totalSteps} is less than the stored budget.
     */
    public static TrainingSession resume(final Path directory, final long totalSteps) throws IOException {
        return TrainingSession.resume(CheckpointFile.read(directory.resolve(CHECKPOINT_FILE)), totalSteps);
    }
}
