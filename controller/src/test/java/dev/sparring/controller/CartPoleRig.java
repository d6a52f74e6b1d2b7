package dev.sparring.controller;

import dev.sparring.controller.log.ExperienceRecorder;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped simulated cart-pole with the bundled LQR policy, driven tick by tick on a fake clock: the full
 * production tick path without a thread or a real clock.
 */
public final class CartPoleRig implements AutoCloseable {
    /**
     * The repository root, found from the test's working directory (the root, a module directory or a nested module
     * directory such as hal/mujoco): the nearest directory up that holds {@code robots}.
     */
    public static final Path ROOT = repositoryRoot();

    private static Path repositoryRoot() {
        Path directory = Path.of("");
        for (int up = 0; up < 3; up++) {
            if (Files.isDirectory(directory.resolve("robots"))) {
                return directory.normalize();
            }
            directory = directory.resolve("..");
        }
        return Path.of("..");
    }

    private final Controller controller;
    private final long periodNs;
    private long nowNs = 1_000_000_000L;
    private long tickIndex;

    /**
     * @throws IOException when the bundled policy cannot be read.
     */
    public CartPoleRig() throws IOException {
        this(null);
    }

    /**
     * @param recorder where the ticks are recorded, or null.
     * @throws IOException when the bundled policy cannot be read.
     */
    public CartPoleRig(final ExperienceRecorder recorder) throws IOException {
        this(recorder, null, null);
    }

    /**
     * @param recorder    where the ticks are recorded, or null.
     * @param policy      a policy file replacing the bundled one, or null.
     * @param exploration how the policy acts, or null for the description's (deterministic).
     * @throws IOException when the policy cannot be read.
     */
    public CartPoleRig(final ExperienceRecorder recorder, final Path policy, final Exploration exploration)
        throws IOException {
        final RobotDescription description = RobotDescription.load(ROOT.resolve("robots/cartpole.yaml"));
        controller = Controller.create(description, policy, Double.NaN, false, exploration);
        periodNs = controller.periodNs();
        if (recorder != null) {
            controller.tick().recordTo(recorder, 1L);
        }
        controller.tick().onLoopStart(nowNs);
    }

    /**
     * Runs ticks, advancing the fake clock by exactly one period before each.
     *
     * @param ticks how many.
     */
    public void run(final long ticks) {
        final ControlTick tick = controller.tick();
        for (long i = 0; i < ticks; i++) {
            nowNs += periodNs;
            tick.onTick(nowNs, tickIndex++);
        }
    }

    /**
     * @return the controller.
     */
    public Controller controller() {
        return controller;
    }

    @Override
    public void close() {
        controller.close();
    }
}
