package dev.sparring.tests.hil;

import dev.sparring.bridge.backend.BridgeRobotSystem;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;

import java.util.concurrent.locks.LockSupport;

/**
 * Drives a bridge robot as the controller's tick does — read, then write — at a fixed rate on the real clock, with
 * a constant effort command, so a test can watch the link's error path tick by tick.
 */
final class BridgeTicker {
    private final BridgeRobotSystem robot;
    private final RobotState state;
    private final RobotCommand command;
    private final long periodNs;
    private long ticks;
    private ReturnCode lastRead = ReturnCode.OK;
    private ReturnCode lastWrite = ReturnCode.OK;

    BridgeTicker(final BridgeRobotSystem robot, final long periodNs) {
        this.robot = robot;
        this.state = new RobotState(robot.spec());
        this.command = RobotCommand.effort(robot.spec());
        this.periodNs = periodNs;
        command.values()[0] = 0.0;
    }

    /**
     * Ticks until a read answers ERROR or {@code maxTicks} have run.
     *
     * @param maxTicks the most ticks.
     * @return the ticks run, the failing one included.
     */
    long runUntilError(final long maxTicks) {
        long deadlineNs = System.nanoTime();
        for (long i = 0; i < maxTicks; i++) {
            deadlineNs += periodNs;
            final long waitNs = deadlineNs - System.nanoTime();
            if (waitNs > 0) {
                LockSupport.parkNanos(waitNs);
            }
            ticks++;
            lastRead = robot.read(System.nanoTime(), state);
            if (lastRead != ReturnCode.OK) {
                return i + 1;
            }
            lastWrite = robot.write(command);
            if (lastWrite != ReturnCode.OK) {
                return i + 1;
            }
        }
        return maxTicks;
    }

    /** @return the last read's result. */
    ReturnCode lastRead() {
        return lastRead;
    }

    /** @return the last write's result. */
    ReturnCode lastWrite() {
        return lastWrite;
    }

    /** @return the state buffer, live. */
    RobotState state() {
        return state;
    }

    /** @return the command buffer, live (index 0: the cart's force). */
    RobotCommand command() {
        return command;
    }

    /** @return ticks run so far. */
    long ticks() {
        return ticks;
    }
}
