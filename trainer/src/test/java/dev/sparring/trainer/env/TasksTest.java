package dev.sparring.trainer.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.hal.JointSpec;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.plant.Plant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TasksTest {
    @Test
    void shouldListTheJavaThenTheMujocoTasksAndNameThemAndTheAliasesInAnError() {
        assertEquals(List.of("pendulum_swingup", "cartpole_balance", "inverted_pendulum", "reacher",
            "mujoco_inverted_pendulum", "half_cheetah", "swimmer", "hopper", "walker2d"), Tasks.NAMES);
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> Tasks.create("Ant-v4", 1.0));
        assertEquals("no task named 'Ant-v4'; expected one of " + Tasks.NAMES + " or a Gymnasium id "
            + "[HalfCheetah-v4, Hopper-v4, InvertedPendulum-v4, Swimmer-v4, Walker2d-v4]", unknown.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Hopper-v5 | ; Hopper-v4 is (hopper): Gymnasium's v5 tasks are not aliases, ours are v4's",
        "InvertedPendulum-v5 | ; InvertedPendulum-v4 is (mujoco_inverted_pendulum): Gymnasium's v5",
        "CartPole-v1 | ; Gymnasium's CartPole-v1 pushes the cart left or right (discrete actions); cartpole_balance",
        "Pendulum-v1 | ; pendulum_swingup is Pendulum-v1's task on our robot's pendulum",
        "Reacher-v4 | ; reacher is Reacher's task on our two-link arm"})
    void shouldSayWhyAGymnasiumIdThatLooksLikeOneOfOursIsNoAlias(final String id, final String reason) {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> Tasks.canonicalName(id));
        assertTrue(refused.getMessage().startsWith("no task named '" + id + "'" + reason), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("or a Gymnasium id [HalfCheetah-v4, Hopper-v4, InvertedPendulum-v4, "
            + "Swimmer-v4, Walker2d-v4]"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "InvertedPendulum-v4, mujoco_inverted_pendulum",
        "HalfCheetah-v4, half_cheetah",
        "Swimmer-v4, swimmer",
        "Hopper-v4, hopper",
        "Walker2d-v4, walker2d",
        "hopper, hopper",
        "inverted_pendulum, inverted_pendulum"})
    void shouldMapEveryGymnasiumV4IdToItsTask(final String alias, final String task) {
        assertEquals(task, Tasks.canonicalName(alias));
    }

    @Test
    void shouldRejectANegativeOrNonFiniteAdversaryBound() {
        for (final double bound : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Tasks.create("reacher", bound));
            assertTrue(error.getMessage().contains("adversary bound must be finite and >= 0 N, was " + bound),
                error.getMessage());
        }
        assertEquals(0.0, Tasks.create("reacher", 0.0).adversaryBound());
    }

    @ParameterizedTest
    @CsvSource({
        "pendulum_swingup, 3, 1, 0.05, 200",
        "cartpole_balance, 4, 1, 0.02, 500",
        "inverted_pendulum, 4, 1, 0.04, 1000",
        "reacher, 10, 2, 0.02, 50"})
    void shouldHaveTheDocumentedShape(final String task, final int observationSize, final int actionSize,
        final double stepS, final int maxEpisodeSteps) {
        final PlantEnv env = Tasks.create(task, 2.5);
        assertEquals(task, env.taskName());
        assertEquals(observationSize, env.observationSize());
        assertEquals(actionSize, env.actionSize());
        assertEquals(2, env.adversaryActionSize());
        assertEquals(2.5, env.adversaryBound());
        assertEquals(stepS, env.stepDurationS());
        assertEquals(maxEpisodeSteps, env.maxEpisodeSteps());
    }

    @Test
    void shouldDeployEveryTaskButTheReacherWithItsEffortScale() {
        assertEquals(Optional.of(new Deployment("robots/inverted_pendulum.yaml", new double[] {100.0})),
            Tasks.create("inverted_pendulum", 1.0).deployment());
        assertEquals(Optional.of(new Deployment("robots/cartpole.yaml", new double[] {1.0})),
            Tasks.create("cartpole_balance", 1.0).deployment());
        assertEquals(Optional.of(new Deployment("robots/pendulum.yaml", new double[] {1.0})),
            Tasks.create("pendulum_swingup", 1.0).deployment());
        assertEquals(Optional.empty(), Tasks.create("reacher", 1.0).deployment());
    }

    /**
     * Training and deployment share one set of dynamics: the environment's plant has the description's
     * {@code sim.parameters}, and a deployable task's observation, actuated joints and effort range are the
     * description's {@code control.observation}, {@code control.action} and {@code max_effort}.
     */
    @ParameterizedTest
    @CsvSource({
        "pendulum_swingup, pendulum, 'cos(hinge.position), sin(hinge.position), hinge.velocity'",
        "cartpole_balance, cartpole, 'slider.position, hinge.position, slider.velocity, hinge.velocity'",
        "inverted_pendulum, inverted_pendulum, 'slider.position, hinge.position, slider.velocity, hinge.velocity'",
        "reacher, two_link_arm, ''"})
    void shouldMatchTheRobotDescription(final String task, final String robot, final String observation) {
        final PlantEnv env = Tasks.create(task, 1.0);
        final Plant plant = env.plant();
        final RobotDescription description = RobotDescription.load(repositoryRoot().resolve("robots/" + robot
            + ".yaml"));
        final ConfigNode sim = description.section("sim");
        assertEquals(sim.string("plant"), plant.kind());
        final ConfigNode parameters = sim.childOrEmpty("parameters");
        for (final String name : parameters.keys()) {
            assertEquals(parameters.number(name), plant.parameter(plant.parameterIndex(name)), robot + " " + name);
        }
        final List<ConfigNode> actions = description.section("control").children("action");
        assertEquals(env.actionSize(), actions.size());
        for (int i = 0; i < env.actionSize(); i++) {
            final JointSpec joint = description.spec().joints().get(description.spec().jointIndex(
                actions.get(i).string("joint")));
            final int index = i;
            final double effortPerUnit = env.deployment().map(d -> d.effortPerActionUnit()[index]).orElse(1.0);
            assertEquals(joint.effortMax(), env.actionHigh(i) * effortPerUnit, 1e-12, robot + " " + joint.name());
        }
        env.deployment().ifPresent(deployment -> {
            assertEquals("robots/" + robot + ".yaml", deployment.robotFile());
            assertEquals(List.of(observation.split(", ")),
                description.section("control").strings("observation"));
        });
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("robots/pendulum.yaml"))) {
            directory = directory.getParent();
        }
        assertNotNull(directory, "no robots/ directory above " + Path.of("").toAbsolutePath());
        return directory;
    }
}
