package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.io.gpio.digital.DigitalState;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotBackends;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pi4j backend on robots/pan_tilt.yaml against a register-level fake PCA9685 and fake GPIO inputs. */
class Pi4jRobotSystemTest {
    /** pan at 0 rad: 1500 µs = 307 counts of 122/25 MHz; tilt's safe state: full off. */
    private static final String SAFE_BLOCK = "06: 00 00 33 01 00 00 00 10";

    private final FakePca9685 chip = new FakePca9685();
    private final FakeInputs inputs = new FakeInputs();
    private final RobotDescription description = RobotDescription.load(Path.of("../../robots/pan_tilt.yaml"));
    private final Pi4jRobotSystem system = new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
        .add(chip.provider(), inputs.provider()).build()).create(description);
    private final RobotState state = new RobotState(system.spec());
    private final RobotCommand command = new RobotCommand(system.spec(),
        new CommandMode[] {CommandMode.POSITION, CommandMode.POSITION});

    @AfterEach
    void shutDown() {
        system.shutdown();
    }

    @Test
    void backendIsFoundByNameAndIsNotSimulated() {
        assertEquals(Pi4jBackend.class, RobotBackends.find("pi4j").getClass());
        assertEquals(false, system.isSimulated());
    }

    @Test
    void configureSleepsSetsPrescaleWakesWithAutoIncrementThenWritesTheSafeState() {
        assertEquals(ReturnCode.OK, system.configure());
        assertEquals(List.of("00: 30", "FE: 79", "00: 20", "01: 04", SAFE_BLOCK), chip.transfers);
        assertEquals(121, chip.registers[Pca9685.PRESCALE] & 0xFF);
        assertEquals(Pca9685.MODE1_AI, chip.registers[Pca9685.MODE1]);
    }

    @Test
    void prescaleFollowsTheDatasheetFormula() {
        assertEquals(121, Pca9685.prescale(50));
        assertEquals(3, Pca9685.prescale(1526));
        assertEquals(253, Pca9685.prescale(24));
    }

    @Test
    void aTickWritesBothChannelsInOneTransferWithCalibratedPulseWidths() {
        activate();
        command.values()[0] = 0.5;
        command.values()[1] = 0.2;
        assertEquals(ReturnCode.OK, system.write(command));
        // pan: 0.5 rad -> 1818.3 µs -> 373 counts; tilt: direction -1, offset 0.1: servo -0.1 rad -> 1442.7 µs -> 296.
        assertEquals(List.of("06: 00 00 75 01 00 00 28 01"), chip.transfers);
        assertEquals(373, chip.offCount(0));
        assertEquals(0, chip.onCount(0));
        assertEquals(296, chip.offCount(1));
        assertEquals(ReturnCode.OK, system.read(1L, state));
        assertEquals(0.5, state.positions()[0]);
        assertEquals(0.2, state.positions()[1]);
    }

    @Test
    void aMissingCommandHoldsThatJointsSafeState() {
        activate();
        command.values()[0] = Double.NaN;
        command.values()[1] = 0.2;
        assertEquals(ReturnCode.OK, system.write(command));
        assertEquals(307, chip.offCount(0));
    }

    /**
     * A limp servo (tilt: no safe_rad) has no position to report but must report a finite one, or the controller's
     * first observation faults: before any command, 0 within its limits (where its first pulse sends it); after going
     * limp, its last command.
     */
    @Test
    void aLimpServoReportsAFinitePositionBeforeItsFirstCommandAndItsLastCommandAfterGoingLimp() {
        activate();
        assertEquals(ReturnCode.OK, system.read(1L, state));
        assertEquals(0.0, state.positions()[1]);
        command.values()[0] = 0.5;
        command.values()[1] = 0.2;
        system.write(command);
        system.deactivate();
        assertEquals(-1, chip.offCount(1));
        system.activate();
        assertEquals(ReturnCode.OK, system.read(2L, state));
        assertEquals(0.0, state.positions()[0], "pan holds its safe 0 rad");
        assertEquals(0.2, state.positions()[1], "tilt, limp, reports its last command");
    }

    @Test
    void deactivateAndShutdownApplyTheSafeState() {
        activate();
        command.values()[0] = 0.5;
        command.values()[1] = 0.2;
        system.write(command);
        chip.transfers.clear();
        system.deactivate();
        assertEquals(List.of(SAFE_BLOCK), chip.transfers);
        system.activate();
        system.write(command);
        chip.transfers.clear();
        system.shutdown();
        assertEquals(List.of(SAFE_BLOCK), chip.transfers);
        assertEquals(LifecycleState.FINALIZED, system.lifecycleState());
    }

    @Test
    void anAssertedEmergencyStopFailsTheReadAndAppliesTheSafeStateInTheSameTick() {
        activate();
        command.values()[0] = 0.5;
        system.write(command);
        chip.transfers.clear();
        inputs.set(17, DigitalState.LOW);
        assertEquals(ReturnCode.ERROR, system.read(1L, state));
        assertEquals(List.of(SAFE_BLOCK), chip.transfers);
        assertEquals(-1, chip.offCount(1));
        assertEquals(LifecycleState.INACTIVE, system.lifecycleState());
        assertEquals("the emergency stop (GPIO 17) is asserted", system.statusMessage());
    }

    @Test
    void aJointAtItsLimitSwitchFailsTheReadNamingTheJointAndPin() {
        activate();
        inputs.set(6, DigitalState.LOW);
        assertEquals(ReturnCode.ERROR, system.read(1L, state));
        assertEquals(List.of(SAFE_BLOCK), chip.transfers);
        assertEquals("joint 'tilt' is at its max limit switch (GPIO 6)", system.statusMessage());
        assertEquals(LifecycleState.INACTIVE, system.lifecycleState());
    }

    @Test
    void aNackIsAnErrorNotAnExceptionAndConfigureInitialisesTheChipAgain() {
        activate();
        chip.nack = true;
        command.values()[0] = 0.5;
        assertEquals(ReturnCode.ERROR, system.write(command));
        assertEquals(LifecycleState.UNCONFIGURED, system.lifecycleState());
        assertTrue(system.statusMessage().contains("stopped answering"), system.statusMessage());
        assertEquals(ReturnCode.ERROR, system.configure());
        assertTrue(system.statusMessage().contains("no PCA9685 answers at I2C bus 1 address 0x40"),
            system.statusMessage());
        chip.nack = false;
        chip.registers[Pca9685.MODE1] = 0x11;
        assertEquals(ReturnCode.OK, system.configure());
        assertEquals(List.of("00: 30", "FE: 79", "00: 20", "01: 04", SAFE_BLOCK), chip.transfers);
        assertEquals(307, chip.offCount(0));
    }

    @Test
    void aTickAllocatesNothing() {
        activate();
        chip.recording = false;
        final long bytes = AllocationProbe.bytesAllocatedWhenSteady(10_000, i -> {
            command.values()[0] = (i % 100) * 0.01;
            command.values()[1] = (i % 50) * 0.01;
            system.read(i, state);
            system.write(command);
        });
        assertEquals(0, bytes);
    }

    private void activate() {
        assertEquals(ReturnCode.OK, system.configure());
        assertEquals(ReturnCode.OK, system.activate());
        chip.transfers.clear();
    }
}
