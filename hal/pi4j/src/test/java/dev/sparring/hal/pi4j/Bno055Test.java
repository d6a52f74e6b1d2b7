package dev.sparring.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotState;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pi4j backend's BNO055 on robots/pan_tilt_bno055.yaml, against a register-level fake; waits are recorded. */
class Bno055Test {
    private static final double TOLERANCE = 1e-12;

    private final FakePca9685 pca = new FakePca9685();
    private final FakeBno055 bno = new FakeBno055();
    private final FakeInputs inputs = new FakeInputs();
    private final RobotDescription description = RobotDescription.load(Path.of("../../robots/pan_tilt_bno055.yaml"));
    private final Pi4jRobotSystem system = new Pi4jBackend(this::context,
        durationMs -> bno.writes.add("sleep " + durationMs + " ms")).create(description);
    private final RobotState state = new RobotState(system.spec());
    private final RobotCommand command = new RobotCommand(system.spec(),
        new CommandMode[] {CommandMode.POSITION, CommandMode.POSITION});

    private Context context() {
        return Pi4J.newContextBuilder().noAutoDetect()
            .add(bno.provider(Bno055.DEFAULT_ADDRESS, pca.provider()), inputs.provider()).build();
    }

    @AfterEach
    void shutDown() {
        system.shutdown();
    }

    @Test
    void configureChecksChipIdThenSetsUnitsAndAxesInConfigModeAndStartsNdofWaitingOutEachSwitch() {
        assertEquals(ReturnCode.OK, system.configure());
        // [y, -x, z]: X = chip Y (1), Y = chip X (0), Z = chip Z (2) -> 0b10_00_01; Y negated -> sign bit 1.
        assertEquals(List.of("3D: 00", "sleep 19 ms", "07: 00", "3B: 06", "41: 21", "42: 02", "3D: 0C",
            "sleep 7 ms"), bno.writes);
        assertEquals(0x06, bno.registers[Bno055.UNIT_SEL], "written in CONFIG mode, so it took");
        assertEquals(0x21, bno.registers[Bno055.AXIS_MAP_CONFIG]);
        assertEquals(Bno055.MODE_NDOF, bno.registers[Bno055.OPR_MODE]);
    }

    @Test
    void aReconfigureFromFusionModeGoesBackToConfigFirstSoTheSettingsTakeAgain() {
        assertEquals(ReturnCode.OK, system.configure());
        bno.registers[Bno055.UNIT_SEL] = (byte) 0x80;
        bno.writes.clear();
        system.shutdown();
        final Pi4jRobotSystem again = new Pi4jBackend(this::context, durationMs -> { }).create(description);
        try {
            assertEquals(ReturnCode.OK, again.configure());
            assertEquals(0x06, bno.registers[Bno055.UNIT_SEL]);
        } finally {
            again.shutdown();
        }
    }

    @Test
    void aWrongChipIdIsRefusedNamingTheChipTheAddressAndTheValueRead() {
        bno.registers[Bno055.CHIP_ID] = 0x68;
        assertEquals(ReturnCode.ERROR, system.configure());
        assertEquals("the device at I2C bus 1 address 0x28 answers but is not a BNO055 (CHIP_ID read 0x68, expected "
            + "0xA0): check pi4j.imu.type and pi4j.imu.address", system.statusMessage());
        assertEquals(List.of(), bno.writes);
    }

    @Test
    void aMissingChipAtConfigureIsAnErrorNamingTheChipAndItsAddressPin() {
        bno.nack = true;
        assertEquals(ReturnCode.ERROR, system.configure());
        assertTrue(system.statusMessage().startsWith("no BNO055 answers at I2C bus 1 address 0x28 (I2C NACK (fake)):"
            + " check wiring, power and the address pin (COM3 low: 0x28, high: 0x29)"), system.statusMessage());
    }

    @Test
    void aTickIsOneBurstSpanningTheUsedRegistersDecodedIntoTheDeclaredChannels() {
        activate();
        bno.word(Bno055.GYR_DATA + 2, -900);
        bno.word(Bno055.GYR_DATA + 4, 450);
        bno.word(Bno055.EUL_DATA, 2828);
        bno.word(Bno055.EUL_DATA + 2, -450);
        bno.word(Bno055.EUL_DATA + 4, 1414);
        bno.word(Bno055.QUA_DATA, 8192);
        bno.word(Bno055.QUA_DATA + 2, -8192);
        bno.word(Bno055.QUA_DATA + 4, 8192);
        bno.word(Bno055.QUA_DATA + 6, -8192);
        bno.registers[Bno055.CALIB_STAT] = (byte) 0b11_10_01_00;
        assertEquals(ReturnCode.OK, system.read(1L, state));
        assertEquals(List.of("read 32 from 16"), bno.bursts, "GYR_DATA_Y 0x16 .. CALIB_STAT 0x35 in one transfer");
        final double[] sensors = state.sensors();
        assertEquals(-450 / 900.0, sensors[0], TOLERANCE);
        assertEquals(1414 / 900.0, sensors[1], TOLERANCE);
        assertEquals(2828 / 900.0, sensors[2], TOLERANCE);
        assertEquals(0.5, sensors[3], TOLERANCE);
        assertEquals(-0.5, sensors[4], TOLERANCE);
        assertEquals(0.5, sensors[5], TOLERANCE);
        assertEquals(-0.5, sensors[6], TOLERANCE);
        assertEquals(-1.0, sensors[7], TOLERANCE);
        assertEquals(0.5, sensors[8], TOLERANCE);
        assertEquals(3.0, sensors[9], TOLERANCE);
    }

    @Test
    void theQuaternionIsNormalisedToUnitLengthKeepingItsDirection() {
        activate();
        bno.word(Bno055.QUA_DATA, 16000);
        bno.word(Bno055.QUA_DATA + 6, -3000);
        assertEquals(ReturnCode.OK, system.read(1L, state));
        final double[] sensors = state.sensors();
        assertEquals(1.0, sensors[3] * sensors[3] + sensors[6] * sensors[6], TOLERANCE);
        assertEquals(-3000.0 / 16000.0, sensors[6] / sensors[3], TOLERANCE);
        assertEquals(0.0, sensors[4]);
    }

    @Test
    void beforeTheFusionHasASolutionTheAllZeroQuaternionStaysZero() {
        activate();
        assertEquals(ReturnCode.OK, system.read(1L, state));
        assertEquals(0.0, state.sensors()[3]);
    }

    @Test
    void everyReadingDecodesWithItsScaleIncludingNegativesTemperatureAndCalibration() {
        final Context context = context();
        try {
            final Bno055 imu = new Bno055(I2cDevices.open(context, "imu", 1, Bno055.DEFAULT_ADDRESS), ms -> { },
                Bno055.AXIS_MAP_CONFIG_DEFAULT, 0, EnumSet.allOf(ImuQuantity.class));
            bno.word(Bno055.ACC_DATA, -981);
            bno.word(Bno055.ACC_DATA + 2, 1);
            bno.word(Bno055.ACC_DATA + 4, -32768);
            bno.word(Bno055.GYR_DATA, 32767);
            bno.registers[Bno055.TEMP] = (byte) -5;
            bno.registers[Bno055.CALIB_STAT] = (byte) 0b00_01_10_11;
            imu.read(0L);
            assertEquals(List.of("read 46 from 08"), bno.bursts);
            assertEquals(-9.81, imu.value(ImuQuantity.ACCEL_X), TOLERANCE);
            assertEquals(0.01, imu.value(ImuQuantity.ACCEL_Y), TOLERANCE);
            assertEquals(-327.68, imu.value(ImuQuantity.ACCEL_Z), TOLERANCE);
            assertEquals(32767 / 900.0, imu.value(ImuQuantity.GYRO_X), TOLERANCE);
            assertEquals(-5.0, imu.value(ImuQuantity.TEMPERATURE));
            assertEquals(0.0, imu.value(ImuQuantity.CALIB_SYS));
            assertEquals(1.0, imu.value(ImuQuantity.CALIB_GYRO));
            assertEquals(2.0, imu.value(ImuQuantity.CALIB_ACCEL));
            assertEquals(3.0, imu.value(ImuQuantity.CALIB_MAG));
        } finally {
            context.shutdown();
        }
    }

    @Test
    void theBurstCoversOnlyTheRegistersOfTheReadingsInUse() {
        final Context context = context();
        try {
            final Bno055 imu = new Bno055(I2cDevices.open(context, "imu", 1, Bno055.DEFAULT_ADDRESS), ms -> { },
                Bno055.AXIS_MAP_CONFIG_DEFAULT, 0, Set.of(ImuQuantity.GYRO_Z, ImuQuantity.YAW));
            bno.word(Bno055.GYR_DATA + 4, -90);
            bno.word(Bno055.EUL_DATA, 900);
            imu.read(0L);
            assertEquals(List.of("read 4 from 18"), bno.bursts);
            assertEquals(-0.1, imu.value(ImuQuantity.GYRO_Z), TOLERANCE);
            assertEquals(1.0, imu.value(ImuQuantity.YAW), TOLERANCE);
        } finally {
            context.shutdown();
        }
    }

    @Test
    void aNackDuringATickIsAnErrorThatAppliesTheSafeStateAndUnconfigures() {
        activate();
        command.values()[0] = 0.5;
        assertEquals(ReturnCode.OK, system.write(command));
        pca.transfers.clear();
        bno.nack = true;
        assertEquals(ReturnCode.ERROR, system.read(2L, state));
        assertEquals(LifecycleState.UNCONFIGURED, system.lifecycleState());
        assertTrue(system.statusMessage().startsWith("the BNO055 at I2C bus 1 address 0x28 stopped answering"),
            system.statusMessage());
        assertEquals(List.of("06: 00 00 33 01 00 00 00 10"), pca.transfers);
        bno.nack = false;
        assertEquals(ReturnCode.OK, system.configure());
    }

    @Test
    void aTickAllocatesNothing() {
        activate();
        pca.recording = false;
        bno.recording = false;
        final long bytes = AllocationProbe.bytesAllocatedWhenSteady(10_000, i -> {
            bno.word(Bno055.QUA_DATA, 16384 - i % 1000);
            bno.word(Bno055.EUL_DATA, i % 5000);
            command.values()[0] = (i % 100) * 0.01;
            system.read(i, state);
            system.write(command);
        });
        assertEquals(0, bytes);
    }

    private void activate() {
        assertEquals(ReturnCode.OK, system.configure());
        assertEquals(ReturnCode.OK, system.activate());
        bno.writes.clear();
        bno.bursts.clear();
        pca.transfers.clear();
    }
}
