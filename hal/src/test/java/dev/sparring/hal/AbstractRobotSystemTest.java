package dev.sparring.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AbstractRobotSystemTest {
    private static final String ROBOT = """
        name: probe
        backend: mock
        joints:
          - {name: hinge, max_velocity: 1.0, max_effort: 1.0}
        """;

    @Test
    void shouldStartActivationFromTheSafeStateAndApplyItOnDeactivateAndShutdown() {
        final ProbeSystem system = new ProbeSystem();
        system.configure();
        assertEquals("", system.calls.toString());

        system.activate();
        assertEquals("safe activate ", system.calls.toString());
        system.deactivate();
        assertEquals("safe activate safe deactivate ", system.calls.toString());
        system.shutdown();
        system.shutdown();

        assertEquals("safe activate safe deactivate safe shutdown ", system.calls.toString());
        assertEquals(LifecycleState.FINALIZED, system.lifecycleState());
    }

    @Test
    void shouldApplyTheSafeStateAndLeaveActiveAfterAReadError() {
        final ProbeSystem system = active();
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());

        assertEquals(ReturnCode.OK, system.read(0, state));
        assertEquals(ReturnCode.OK, system.write(command));
        assertEquals("read write ", system.calls.toString());

        system.result = ReturnCode.ERROR;
        assertEquals(ReturnCode.ERROR, system.read(1, state));
        assertEquals("read write read safe error ", system.calls.toString());
        assertEquals(LifecycleState.INACTIVE, system.lifecycleState());

        assertEquals(ReturnCode.ERROR, system.write(command), "commands are refused until activated again");
        assertEquals("read write read safe error ", system.calls.toString());
        system.result = ReturnCode.OK;
        assertEquals(ReturnCode.OK, system.read(2, state), "the state stays readable");
        assertEquals(ReturnCode.OK, system.activate());
        assertEquals(ReturnCode.OK, system.write(command));
    }

    @Test
    void shouldApplyTheSafeStateAndLeaveActiveAfterAWriteError() {
        final ProbeSystem system = active();
        final RobotCommand command = RobotCommand.effort(system.spec());
        system.result = ReturnCode.ERROR;

        assertEquals(ReturnCode.ERROR, system.write(command));

        assertEquals("write safe error ", system.calls.toString());
        assertEquals(LifecycleState.INACTIVE, system.lifecycleState());
    }

    @Test
    void shouldNeedConfiguringAgainWhenTheBackendSaysCommunicationIsLost() {
        final ProbeSystem system = active();
        final RobotState state = new RobotState(system.spec());
        system.result = ReturnCode.ERROR;
        system.errorResult = ReturnCode.ERROR;

        assertEquals(ReturnCode.ERROR, system.read(1, state));

        assertEquals(LifecycleState.UNCONFIGURED, system.lifecycleState());
        assertEquals(ReturnCode.ERROR, system.read(2, state), "no reads until configured again");
        assertThrows(IllegalStateException.class, system::activate);
        system.result = ReturnCode.OK;
        assertEquals(ReturnCode.OK, system.configure());
        assertEquals(ReturnCode.OK, system.activate());
        assertEquals(LifecycleState.ACTIVE, system.lifecycleState());
    }

    @Test
    void shouldRefuseReadAndWriteOutsideTheirStatesWithoutCallingTheBackend() {
        final ProbeSystem system = new ProbeSystem();
        final RobotState state = new RobotState(system.spec());
        final RobotCommand command = RobotCommand.effort(system.spec());

        assertEquals(ReturnCode.ERROR, system.read(0, state));
        system.configure();
        assertEquals(ReturnCode.ERROR, system.write(command));
        system.shutdown();
        assertEquals(ReturnCode.ERROR, system.read(0, state));

        assertEquals("safe shutdown ", system.calls.toString());
    }

    @Test
    void shouldStayInactiveWhenActivationFailsAndNameTheRobotOnAWrongTransition() {
        final ProbeSystem system = new ProbeSystem();
        system.configure();
        system.hookResult = ReturnCode.ERROR;

        assertEquals(ReturnCode.ERROR, system.activate());
        assertEquals(LifecycleState.INACTIVE, system.lifecycleState());
        final IllegalStateException e = assertThrows(IllegalStateException.class, system::deactivate);
        assertEquals("robot 'probe': deactivate needs state ACTIVE but the system is INACTIVE", e.getMessage());
    }

    @Test
    void shouldTakeNameAndSimulationFlagFromTheBaseTypes() {
        final RobotBackend backend = new AbstractRobotBackend("probe", false) {
            @Override
            public RobotSystem create(final dev.sparring.hal.config.RobotDescription description) {
                return new ProbeSystem();
            }
        };

        assertEquals("probe", backend.name());
        assertFalse(backend.isSimulated());
        assertTrue(new ProbeSystem().isSimulated());
    }

    private static ProbeSystem active() {
        final ProbeSystem system = new ProbeSystem();
        system.configure();
        system.activate();
        system.calls.setLength(0);
        return system;
    }

    /** A backend that records which hooks the base class calls and answers what the test says. */
    private static final class ProbeSystem extends AbstractRobotSystem {
        private final StringBuilder calls = new StringBuilder();
        private ReturnCode result = ReturnCode.OK;
        private ReturnCode hookResult = ReturnCode.OK;
        private ReturnCode errorResult = ReturnCode.OK;

        ProbeSystem() {
            super(TestDescriptions.parse(ROBOT).spec(), true);
        }

        @Override
        protected void applySafeState() {
            calls.append("safe ");
        }

        @Override
        protected ReturnCode onRead(final long nowNs, final RobotState state) {
            calls.append("read ");
            return result;
        }

        @Override
        protected ReturnCode onWrite(final RobotCommand command) {
            calls.append("write ");
            return result;
        }

        @Override
        protected ReturnCode onError() {
            calls.append("error ");
            return errorResult;
        }

        @Override
        protected ReturnCode onActivate() {
            calls.append("activate ");
            return hookResult;
        }

        @Override
        protected ReturnCode onDeactivate() {
            calls.append("deactivate ");
            return hookResult;
        }

        @Override
        protected ReturnCode onShutdown() {
            calls.append("shutdown ");
            return hookResult;
        }
    }
}
