package dev.sparring.hal;

import java.util.List;

/**
 * A robot as the controller sees it, whatever drives it: simulated plants, MuJoCo, Pi4J pins or a firmware link.
 * <p>
 * Lifecycle as ros2_control's hardware components ({@link LifecycleState}): {@link #configure()} brings up
 * communication, {@link #activate()} starts accepting commands, {@link #deactivate()} returns the actuators to their
 * safe state (zero effort), {@link #shutdown()} releases everything. A transition not allowed from the current state
 * throws {@link IllegalStateException}: that is a programming error, not an operating condition.
 * <p>
 * Per tick the controller calls {@link #read(long, RobotState)} then {@link #write(RobotCommand)}. Both work on
 * preallocated buffers and must not allocate, lock, block or throw; failures are returned as {@link ReturnCode#ERROR},
 * after which, as in ros2_control's error handling, the backend has put its actuators in their safe state and left
 * ACTIVE: it is INACTIVE (activate it again to resume; commands are refused until then) or, when its communication
 * was lost, UNCONFIGURED (configure it again).
 */
public interface RobotSystem extends AutoCloseable {

    /**
     * @return the robot's joints, limits and sensor channels.
     */
    RobotSpec spec();

    /**
     * @return whether this robot is simulated (no real actuator moves).
     */
    boolean isSimulated();

    /**
     * @return the current lifecycle state.
     */
    LifecycleState lifecycleState();

    /**
     * UNCONFIGURED → INACTIVE: open communication, check the hardware answers.
     *
     * @return OK, or ERROR (state unchanged) when the hardware cannot be reached.
     */
    ReturnCode configure();

    /**
     * INACTIVE → ACTIVE: commands are accepted from now on.
     *
     * @return OK, or ERROR (state unchanged).
     */
    ReturnCode activate();

    /**
     * ACTIVE → INACTIVE: actuators to their safe state; commands refused.
     *
     * @return OK, or ERROR.
     */
    ReturnCode deactivate();

    /**
     * Any state → FINALIZED: actuators to their safe state, communication closed. Idempotent.
     *
     * @return OK, or ERROR when releasing failed (the system is FINALIZED either way).
     */
    ReturnCode shutdown();

    /**
     * Reads the current measurements into {@code state}; in a simulation, first advances physics to {@code nowNs}.
     *
     * @param nowNs clock time of this tick (ns).
     * @param state the buffer to fill.
     * @return OK, or ERROR when no valid sample could be had (the state is then left as it was).
     */
    ReturnCode read(long nowNs, RobotState state);

    /**
     * Sends {@code command} to the actuators. Refused (ERROR, no effect) unless ACTIVE. NaN values mean
     * "no command" for that joint, which then holds zero effort.
     *
     * @param command the command of every joint.
     * @return OK, or ERROR.
     */
    ReturnCode write(RobotCommand command);

    /**
     * Tells the system the period of the fixed-rate loop that will drive it, once, before the first read. A simulation
     * whose physics steps in fixed timesteps may then advance by whole periods (the {@code mujoco} backend does);
     * hardware, and a simulation that follows the clock, accept any period and ignore it, which is the default.
     *
     * @param periodNs the loop period (ns), &gt; 0.
     * @throws IllegalArgumentException saying why, naming both, when the system cannot run at that period (e.g. the
     *                                  period is not a whole number of its physics timesteps).
     */
    default void useLoopPeriod(final long periodNs) {
    }

    /**
     * Why the last lifecycle transition, read or write failed, in words for the person running the robot ("the
     * firmware on /dev/ttyACM0 speaks bridge protocol 2, this host speaks 1"). Built when asked, off the control
     * thread.
     *
     * @return the reason, or empty when nothing failed or the backend has nothing to add to ERROR.
     */
    default String statusMessage() {
        return "";
    }

    /**
     * What configuring found worth telling the person running the robot without stopping it (a USB-serial adapter's
     * latency timer above 1 ms), read once after configure.
     *
     * @return the warnings, empty when none.
     */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * The backend's own counters for a run's summary (a link's frames, errors and round trips), built when asked,
     * off the control thread.
     *
     * @return whole lines, or empty when the backend keeps none.
     */
    default String diagnostics() {
        return "";
    }

    /**
     * Same as {@link #shutdown()}.
     */
    @Override
    default void close() {
        shutdown();
    }
}
