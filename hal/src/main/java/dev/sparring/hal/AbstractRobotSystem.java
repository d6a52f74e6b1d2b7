package dev.sparring.hal;

/**
 * Lifecycle bookkeeping shared by backends: checks each transition against the current state and calls the matching
 * hook, so a backend only says how to configure, activate, deactivate, shut down, read and write.
 */
public abstract class AbstractRobotSystem implements RobotSystem {
    private final RobotSpec spec;
    private LifecycleState lifecycleState = LifecycleState.UNCONFIGURED;

    /**
     * @param spec the robot's description.
     */
    protected AbstractRobotSystem(final RobotSpec spec) {
        this.spec = spec;
    }

    @Override
    public final RobotSpec spec() {
        return spec;
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
        return transition(onActivate(), LifecycleState.ACTIVE);
    }

    @Override
    public final ReturnCode deactivate() {
        require(LifecycleState.ACTIVE, "deactivate");
        return transition(onDeactivate(), LifecycleState.INACTIVE);
    }

    @Override
    public final ReturnCode shutdown() {
        if (lifecycleState == LifecycleState.FINALIZED) {
            return ReturnCode.OK;
        }
        final ReturnCode result = onShutdown();
        lifecycleState = LifecycleState.FINALIZED;
        return result;
    }

    @Override
    public final ReturnCode read(final long nowNs, final RobotState state) {
        if (lifecycleState != LifecycleState.INACTIVE && lifecycleState != LifecycleState.ACTIVE) {
            return ReturnCode.ERROR;
        }
        return onRead(nowNs, state);
    }

    @Override
    public final ReturnCode write(final RobotCommand command) {
        if (lifecycleState != LifecycleState.ACTIVE) {
            return ReturnCode.ERROR;
        }
        return onWrite(command);
    }

    /**
     * @return OK when communication is up.
     */
    protected abstract ReturnCode onConfigure();

    /**
     * @return OK when commands may be accepted.
     */
    protected abstract ReturnCode onActivate();

    /**
     * Puts the actuators in their safe state.
     *
     * @return OK when done.
     */
    protected abstract ReturnCode onDeactivate();

    /**
     * Puts the actuators in their safe state and releases resources.
     *
     * @return OK when done.
     */
    protected abstract ReturnCode onShutdown();

    /**
     * @param nowNs clock time of the tick.
     * @param state the buffer to fill.
     * @return OK or ERROR; allocation-free.
     */
    protected abstract ReturnCode onRead(long nowNs, RobotState state);

    /**
     * @param command the command, only called while ACTIVE.
     * @return OK or ERROR; allocation-free.
     */
    protected abstract ReturnCode onWrite(RobotCommand command);

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
