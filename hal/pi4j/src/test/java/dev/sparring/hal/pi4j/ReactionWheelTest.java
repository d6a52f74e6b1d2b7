package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.io.gpio.digital.DigitalState;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.config.RobotDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pi4j backend's DC motor on robots/reaction_wheel.yaml (hardware PWM on GPIO 18 = PWM0, direction on GPIO 23,
 * LS7366R on SPI 0.0, MPU-6050, e-stop on GPIO 17) against instruction-level and recording fakes.
 */
class ReactionWheelTest {
    /** Configure: WR MDR0 x4 free-running, WR MDR1 4-byte, CLR CNTR, RD MDR0. */
    static final List<String> CONFIGURE = List.of("88 03", "90 00", "20", "48 00");
    /** One tick's read: RD CNTR and four bytes. */
    static final String RD_CNTR = "60 00 00 00 00";
    private static final double RAD_PER_COUNT = 2 * Math.PI / 2048;

    private final FakeLs7366r encoder = new FakeLs7366r(0, 0);
    private final FakeOutputs outputs = new FakeOutputs();
    private final FakeInputs inputs = new FakeInputs();
    private final FakeMpu6050 mpu = new FakeMpu6050();
    private Pi4jRobotSystem system = system(yaml());
    private RobotState state = new RobotState(system.spec());
    private RobotCommand command = RobotCommand.effort(system.spec());

    static String yaml() {
        try {
            return Files.readString(Path.of("../../robots/reaction_wheel.yaml"));
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Pi4jRobotSystem system(final String yaml) {
        final RobotDescription description = RobotDescription.parse("reaction_wheel.yaml", Path.of("."), yaml);
        return new Pi4jBackend(() -> Pi4J.newContextBuilder().noAutoDetect()
            .add(mpu.provider(Mpu6050.DEFAULT_ADDRESS, new FakePca9685().provider()), inputs.provider(),
                outputs.pwmProvider(), outputs.digitalProvider(), encoder.provider()).build()).create(description);
    }

    @AfterEach
    void shutDown() {
        system.shutdown();
    }

    @Test
    void configureSetsUpTheCounterChecksMdr0AndLeavesTheBridgeCoasting() {
        assertEquals(ReturnCode.OK, system.configure(), system.statusMessage());
        assertEquals(CONFIGURE, encoder.transfers);
        assertEquals(Ls7366r.MDR0_X4_FREE_RUNNING, encoder.mdr0);
        assertEquals(Ls7366r.MDR1_4_BYTES, encoder.mdr1);
        assertEquals(0, outputs.dutyPercent[0]);
        assertEquals(DigitalState.LOW, outputs.levels[23]);
    }

    @Test
    void effortBecomesDutyOnPwm0AndItsSignTheDirectionPin() {
        activate();
        command.values()[0] = 0.05;
        assertEquals(ReturnCode.OK, system.write(command));
        command.values()[0] = -0.02;
        assertEquals(ReturnCode.OK, system.write(command));
        assertEquals(List.of("pwm0 on 50% 20000 Hz", "gpio23 HIGH", "pwm0 on 20% 20000 Hz"), outputs.calls);
        assertEquals(20, outputs.dutyPercent[0]);
        assertEquals(20_000, outputs.frequencyHz[0]);
        assertEquals(ReturnCode.OK, system.read(1L, state));
        assertEquals(-0.02, state.efforts()[0], 1e-12);
    }

    @Test
    void anUnchangedDutyIsNotWrittenAgain() {
        activate();
        command.values()[0] = 0.05;
        system.write(command);
        system.write(command);
        assertEquals(List.of("pwm0 on 50% 20000 Hz"), outputs.calls);
    }

    @Test
    void effortIsClampedToMaxDutyAndReadBackAsApplied() {
        activate();
        command.values()[0] = 1.0;
        system.write(command);
        assertEquals(90, outputs.dutyPercent[0]);
        system.read(1L, state);
        assertEquals(0.09, state.efforts()[0], 1e-12);
        command.values()[0] = -1.0;
        system.write(command);
        assertEquals(90, outputs.dutyPercent[0]);
        assertEquals(DigitalState.HIGH, outputs.levels[23]);
    }

    @Test
    void aNanCommandCoasts() {
        activate();
        command.values()[0] = -0.05;
        system.write(command);
        outputs.calls.clear();
        command.values()[0] = Double.NaN;
        assertEquals(ReturnCode.OK, system.write(command));
        assertEquals(List.of("gpio23 LOW", "pwm0 off"), outputs.calls);
        system.read(1L, state);
        assertEquals(0.0, state.efforts()[0]);
    }

    @Test
    void aTickReadsTheCounterInOneTransferIntoPositionAndVelocity() {
        activate();
        encoder.count = 512;
        assertEquals(ReturnCode.OK, system.read(1_000_000L, state));
        assertEquals(List.of(RD_CNTR), encoder.transfers);
        assertEquals(Math.PI / 2, state.positions()[0], 1e-12);
        assertEquals(0.0, state.velocities()[0], "no velocity from a single sample");
        encoder.count = 522;
        system.read(2_000_000L, state);
        assertEquals(10 * RAD_PER_COUNT / 1e-3, state.velocities()[0], 1e-9);
    }

    @Test
    void positionStaysContinuousWhenTheThirtyTwoBitCountWraps() {
        activate();
        encoder.count = Integer.MAX_VALUE - 9;
        system.read(1_000_000L, state);
        final double before = state.positions()[0];
        encoder.count = Integer.MIN_VALUE + 10;
        system.read(2_000_000L, state);
        assertEquals(20 * RAD_PER_COUNT, state.positions()[0] - before, 1e-6);
        assertEquals(20 * RAD_PER_COUNT / 1e-3, state.velocities()[0], 1e-6);
    }

    @Test
    void directionMinusOneNegatesPositionAndVelocity() {
        system = system(yaml().replace("counts_per_rev: 2048, direction: 1", "counts_per_rev: 2048, direction: -1"));
        state = new RobotState(system.spec());
        activate();
        encoder.count = -1024;
        system.read(1L, state);
        assertEquals(Math.PI, state.positions()[0], 1e-12);
    }

    @Test
    void aCounterThatDoesNotAnswerFailsConfigureNamingBusAndChipSelect() {
        encoder.absent = true;
        assertEquals(ReturnCode.ERROR, system.configure());
        assertTrue(system.statusMessage().contains("LS7366R on SPI bus 0 chip select 0 (/dev/spidev0.0) of joint "
            + "'wheel' does not answer: MDR0 read back 0x00, expected 0x03"), system.statusMessage());
        encoder.absent = false;
        assertEquals(ReturnCode.OK, system.configure());
    }

    @Test
    void anSpiFailureIsAnErrorWithTheBridgeCoastingNeverAnException() {
        activate();
        command.values()[0] = 0.05;
        system.write(command);
        encoder.fail = true;
        assertEquals(ReturnCode.ERROR, system.read(1L, state));
        assertEquals(0, outputs.dutyPercent[0]);
        assertEquals(LifecycleState.UNCONFIGURED, system.lifecycleState());
        assertTrue(system.statusMessage().contains("LS7366R on SPI bus 0 chip select 0 (/dev/spidev0.0) of joint "
            + "'wheel' stopped answering (SPI transfer failed (fake))"), system.statusMessage());
        encoder.fail = false;
        assertEquals(ReturnCode.OK, system.configure());
    }

    @Test
    void aTransferThatReturnsMinusOneIsAnErrorToo() {
        activate();
        encoder.transferError = true;
        assertEquals(ReturnCode.ERROR, system.read(1L, state));
        assertTrue(system.statusMessage().contains("stopped answering (the transfer failed)"), system.statusMessage());
    }

    @Test
    void aFailingOutputIsAnError() {
        activate();
        outputs.fail = true;
        command.values()[0] = 0.05;
        assertEquals(ReturnCode.ERROR, system.write(command));
        assertEquals(LifecycleState.UNCONFIGURED, system.lifecycleState());
        assertTrue(system.statusMessage().contains("writing the H-bridge outputs of joint 'wheel' failed"),
            system.statusMessage());
    }

    @Test
    void deactivateShutdownAndTheEmergencyStopCoastInTheSameCall() {
        activate();
        command.values()[0] = -0.05;
        system.write(command);
        system.deactivate();
        assertEquals(0, outputs.dutyPercent[0]);
        assertEquals(DigitalState.LOW, outputs.levels[23]);
        system.activate();
        system.write(command);
        inputs.set(17, DigitalState.LOW);
        assertEquals(ReturnCode.ERROR, system.read(1L, state));
        assertEquals(0, outputs.dutyPercent[0]);
        assertEquals(DigitalState.LOW, outputs.levels[23]);
        inputs.set(17, DigitalState.HIGH);
        system.activate();
        system.write(command);
        outputs.calls.clear();
        system.shutdown();
        assertEquals(List.of("gpio23 LOW", "pwm0 off"), outputs.calls);
    }

    @Test
    void aTickAllocatesNothing() {
        activate();
        encoder.recording = false;
        outputs.recording = false;
        mpu.recording = false;
        final long bytes = AllocationProbe.bytesAllocatedWhenSteady(10_000, i -> {
            encoder.count = i * 7;
            command.values()[0] = ((i % 21) - 10) * 0.01;
            system.read(i * 1_000_000L, state);
            system.write(command);
        });
        // Not 0: in some full builds (2026-12-04: one of two `./mvnw verify` runs, none of three hal-pi4j runs)
        // every measured round allocates 72-88 bytes, a once-per-round event not yet explained (open, noted); the
        // HardwarePwmOutput boxing fix did not remove it. A per-tick allocation, even 16 bytes, would be 160 000 here.
        assertTrue(bytes < 1_000, bytes + " bytes over 10 000 ticks");
    }

    private void activate() {
        assertEquals(ReturnCode.OK, system.configure(), system.statusMessage());
        assertEquals(ReturnCode.OK, system.activate());
        encoder.transfers.clear();
        outputs.calls.clear();
    }
}
