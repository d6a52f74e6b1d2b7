package dev.sparring.hal;

/**
 * Lifecycle and safe-state bookkeeping written once for every backend: checks each transition against the current
 * state, applies the backend's safe state where the lifecycle and ros2_control's error handling call for it, and calls
 * the backend's hooks, so a backend only says what is its own.
 * <p>
 * <b>What a backend provides.</b>
 * <ul>
 *   <li>{@link #applySafeState()}: drop any held command and put every actuator in its safe state (zero effort).
 *       Called on {@link #activate()} before the hook (a system starts from "no command"), on {@link #deactivate()}
 *       and {@link #shutdown()} before the hooks, and after any {@link ReturnCode#ERROR} its {@link #onRead} or
 *       {@link #onWrite} returns. Allocation-free; never throws.</li>
 *   <li>{@link #onError()}, where communication can be lost: after a read or write ERROR and the safe state, whether
 *       the system may simply be activated again (INACTIVE) or must be configured again (UNCONFIGURED).</li>
 *   <li>{@link #onRead(long, RobotState)} and {@link #onWrite(RobotCommand)}: the tick's I/O over preallocated
 *       buffers, returning OK or ERROR, never allocating, locking, blocking or throwing. Read is called while
 *       INACTIVE or ACTIVE, write only while ACTIVE; otherwise this class answers ERROR without calling them.</li>
 *   <li>Where there is something to do: {@link #onConfigure()} (open communication, check the hardware answers),
 *       {@link #onActivate()}, {@link #onDeactivate()}, {@link #onShutdown()} (release native memory, ports); each
 *       does nothing and returns OK unless overridden.</li>
 *   <li>Whether it is simulated, given to the constructor; its name and its description section belong to its
 *       {@link RobotBackend} ({@link AbstractRobotBackend}).</li>
 * </ul>
 */
public abstract class AbstractRobotSystem implements RobotSystem {
    private final RobotSpec spec;
    private final boolean simulated;
    private LifecycleState lifecycleState = LifecycleState.UNCONFIGURED;

    /**
     * @param spec      the robot's description.
     * @param simulated whether no real actuator moves.
     */
    protected AbstractRobotSystem(final RobotSpec spec, final boolean simulated) {
        this.spec = spec;
        this.simulated = simulated;
    }

    @Override
    public final RobotSpec spec() {
        return spec;
    }

    @Override
    public final boolean isSimulated() {
        return simulated;
    }

    @Override
    public final LifecycleState lifecycleState() {
        return lifecycleState;
    }

    @Override
    public final ReturnCode configure() {
        require(LifecycleState.UNCONFIGURED, "configure");
        return transition(onConfigure(), LifecycleState.INACTIVE);
    }

    @Override
    public final ReturnCode activate() {
        require(LifecycleState.INACTIVE, "activate");
        applySafeState();
        return transition(onActivate(), LifecycleState.ACTIVE);
    }

    @Override
    public final ReturnCode deactivate() {
        require(LifecycleState.ACTIVE, "deactivate");
        applySafeState();
        return transition(onDeactivate(), LifecycleState.INACTIVE);
    }

    @Override
    public final ReturnCode shutdown() {
        if (lifecycleState == LifecycleState.FINALIZED) {
            return ReturnCode.OK;
        }
        applySafeState();
        final ReturnCode result = onShutdown();
        lifecycleState = LifecycleState.FINALIZED;
        return result;
    }

    @Override
    public final ReturnCode read(final long nowNs, final RobotState state) {
        if (lifecycleState != LifecycleState.INACTIVE && lifecycleState != LifecycleState.ACTIVE) {
            return ReturnCode.ERROR;
        }
        return safeOnError(onRead(nowNs, state));
    }

    @Override
    public final ReturnCode write(final RobotCommand command) {
        if (lifecycleState != LifecycleState.ACTIVE) {
            return ReturnCode.ERROR;
        }
        return safeOnError(onWrite(command));
    }

    /**
     * Drops any held command and puts every actuator in its safe state (zero effort); allocation-free, never throws.
     */
    protected abstract void applySafeState();

    /**
     * @param nowNs clock time of the tick.
     * @param state the buffer to fill.
     * @return OK or ERROR (the safe state is then applied); allocation-free.
     */
    protected abstract ReturnCode onRead(long nowNs, RobotState state);

    /**
     * @param command the command, only called while ACTIVE.
     * @return OK or ERROR (the safe state is then applied); allocation-free.
     */
    protected abstract ReturnCode onWrite(RobotCommand command);

    /**
     * Called after a read or write answered ERROR and the safe state was applied: says whether communication is still
     * up (OK: the system goes INACTIVE) or lost (ERROR: UNCONFIGURED, and {@link #configure()} must bring it up
     * again). Allocation-free, never throws; nothing to do and OK unless overridden.
     *
     * @return OK when the system can be activated again as it is.
     */
    protected ReturnCode onError() {
        return ReturnCode.OK;
    }

    /**
     * Brings communication up; nothing to do unless overridden.
     *
     * @return OK when communication is up.
     */
    protected ReturnCode onConfigure() {
        return ReturnCode.OK;
    }

    /**
     * Called after the safe state is applied; nothing to do unless overridden.
     *
     * @return OK when commands may be accepted.
     */
    protected ReturnCode onActivate() {
        return ReturnCode.OK;
    }

    /**
     * Called after the safe state is applied; nothing to do unless overridden.
     *
     * @return OK when done.
     */
    protected ReturnCode onDeactivate() {
        return ReturnCode.OK;
    }

    /**
     * Releases resources, after the safe state is applied; nothing to do unless overridden.
     *
     * @return OK when done.
     */
    protected ReturnCode onShutdown() {
        return ReturnCode.OK;
    }

    /**
     * ros2_control's error path, written once for every backend: the safe state, then the backend's
     * {@link #onError()}, then INACTIVE (commands refused until the next {@link #activate()}) when it answers OK, or
     * UNCONFIGURED (communication to be brought up again by {@link #configure()}) when it answers ERROR.
     */
    private ReturnCode safeOnError(final ReturnCode result) {
        if (result == ReturnCode.ERROR) {
            applySafeState();
            lifecycleState = onError() == ReturnCode.OK ? LifecycleState.INACTIVE : LifecycleState.UNCONFIGURED;
        }
        return result;
    }

    private void require(final LifecycleState expected, final String transition) {
        if (lifecycleState != expected) {
            throw new IllegalStateException("robot '" + spec.name() + "': " + transition + " needs state " + expected
                + " but the system is " + lifecycleState);
        }
    }

    private ReturnCode transition(final ReturnCode result, final LifecycleState next) {
        if (result == ReturnCode.OK) {
            lifecycleState = next;
        }
        return result;
    }
}
