package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;

import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.RobotSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a {@link Pi4jConfig}'s wiring without driving anything: reads the PCA9685's MODE1 and PRESCALE (no write, so
 * no pulse changes), the IMU's identity register (and a BNO055's calibration and system status), lists each motor's
 * outputs (not opened) and reads its LS7366R's MDR0, MDR1 and CNTR (RD instructions only), opens each input (e-stop,
 * limit switches) with the pull resistor the runtime uses and reads its
 * level, and scans the bus for the 7-bit addresses {@value #FIRST_ADDRESS}..{@value #LAST_ADDRESS} with a one-byte
 * read each. Off a board, the context, bus or pins cannot be opened, and the report says so.
 */
public final class Pi4jProbe {
    /** The lowest address scanned (0x00..0x02 are reserved). */
    static final int FIRST_ADDRESS = 0x03;
    /** The highest address scanned (0x78..0x7F are reserved). */
    static final int LAST_ADDRESS = 0x77;

    private final Pi4jConfig config;
    private final List<String> lines = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    private Pi4jProbe(final Pi4jConfig config) {
        this.config = config;
    }

    /**
     * @param spec          the robot, for its joints' names.
     * @param config        the validated description section.
     * @param contextSource where the Pi4J context comes from; the context is shut down before this returns.
     * @return the report: the PCA9685, each input, the bus scan.
     */
    public static ProbeReport probe(final RobotSpec spec, final Pi4jConfig config, final ContextSource contextSource) {
        final Pi4jProbe probe = new Pi4jProbe(config);
        final Context context;
        try {
            context = contextSource.open();
        } catch (final RuntimeException e) {
            probe.missing.add("the Pi4J context (no I2C or GPIO)");
            probe.lines.add("Pi4J could not start (" + e.getMessage() + "): is this a Raspberry Pi with the gpiod and "
                + "linuxfs plugins on the class path?");
            return probe.report();
        }
        try {
            if (config.usesPca9685()) {
                probe.board(context);
            }
            config.imu().ifPresent(imu -> probe.imu(context, imu));
            for (int m = 0; m < config.motors().size(); m++) {
                probe.motor(context, config.motors().get(m), spec.joints().get(config.motors().get(m).jointIndex())
                    .name(), m);
            }
            probe.input(context, config.estop(), "e-stop");
            for (final LimitSwitch limit : config.limitSwitches()) {
                probe.input(context, limit.input(), "joint '" + spec.joints().get(limit.jointIndex()).name()
                    + "' " + (limit.atMax() ? "max" : "min") + " limit switch");
            }
            probe.scan(context);
        } finally {
            try {
                context.shutdown();
            } catch (final RuntimeException e) {
                probe.lines.add("(Pi4J's shutdown failed: " + e.getMessage() + ")");
            }
        }
        return probe.report();
    }

    private ProbeReport report() {
        return new ProbeReport(lines, missing);
    }

    private void board(final Context context) {
        final String where = "PCA9685 at " + I2cDevices.where(config.bus(), config.address());
        final int mode1;
        final int prescale;
        try {
            final I2C i2c = I2cDevices.open(context, "probe-pca9685", config.bus(), config.address());
            mode1 = i2c.readRegister(Pca9685.MODE1);
            prescale = i2c.readRegister(Pca9685.PRESCALE);
        } catch (final RuntimeException e) {
            missing.add(where);
            lines.add(where + ": no answer (" + e.getMessage() + "): check wiring, power, the address pads and that "
                + "I2C is enabled (raspi-config, /dev/i2c-" + config.bus() + ")");
            return;
        }
        final int wanted = Pca9685.prescale(config.pwmFrequencyHz());
        lines.add(String.format(Locale.ROOT, "%s: answers; MODE1 0x%02X (%s%s), PRESCALE %d = %.1f Hz "
                + "(the description asks %.1f Hz = PRESCALE %d%s)", where, mode1,
            (mode1 & Pca9685.MODE1_SLEEP) != 0 ? "asleep" : "awake",
            (mode1 & Pca9685.MODE1_AI) != 0 ? ", auto-increment" : "", prescale, Pca9685.frequencyHz(prescale),
            config.pwmFrequencyHz(), wanted, prescale == wanted ? "" : "; run sets it"));
    }

    private void imu(final Context context, final ImuConfig imu) {
        final String where = imu.type().chip() + " at " + imu.where();
        try {
            lines.add(where + ": " + imu.type().probe(I2cDevices.open(context, "probe-imu", imu.bus(),
                imu.address())));
        } catch (final RuntimeException e) {
            missing.add(where);
            lines.add(where + ": no answer (" + e.getMessage() + "): check wiring, power and the address pin ("
                + imu.type().addressPins() + ")");
        }
    }

    private void motor(final Context context, final MotorConfig motor, final String joint, final int index) {
        lines.add("joint '" + joint + "' motor: " + (motor.in2().isPresent()
            ? "in1 " + motor.pwm() + ", in2 " + motor.in2().get()
            : "pwm " + motor.pwm() + ", direction GPIO " + motor.directionPin()) + ", safe state "
            + (motor.brake() ? "brake" : "coast") + " (outputs not driven by the probe)");
        final String where = "joint '" + joint + "' encoder, " + motor.encoder();
        final long mdr0;
        final long mdr1;
        final long count;
        try {
            final Ls7366r chip = new Ls7366r(motor.encoder().open(context, "probe-ls7366r-" + index));
            mdr0 = chip.readRegister(Ls7366r.MDR0, 1);
            mdr1 = chip.readRegister(Ls7366r.MDR1, 1);
            count = mdr1 < 0 ? -1 : chip.readRegister(Ls7366r.CNTR, 4 - (int) (mdr1 & 0x03));
        } catch (final RuntimeException e) {
            missing.add(where);
            lines.add(where + ": cannot be opened (" + e.getMessage() + "): check that SPI is enabled (raspi-config, "
                + "/dev/spidev" + motor.encoder().spiBus() + "." + motor.encoder().chipSelect() + ")");
            return;
        }
        if (mdr0 < 0 || mdr1 < 0 || count < 0) {
            missing.add(where);
            lines.add(where + ": the SPI transfer failed");
            return;
        }
        final String state = mdr0 == Ls7366r.MDR0_X4_FREE_RUNNING ? "x4 quadrature, free-running: configured"
            : mdr0 == 0 ? "the power-on value, or no chip (MISO low): turn the wheel by hand and probe again, CNTR "
            + "moves only if a chip counts" : mdr0 == 0xFF ? "no chip drives MISO?" : "not what run writes (0x03)";
        lines.add(String.format(Locale.ROOT, "%s: MDR0 0x%02X (%s), MDR1 0x%02X, CNTR %d", where, mdr0, state, mdr1,
            count));
    }

    private void input(final Context context, final InputPin pin, final String use) {
        final String where = use + " on GPIO " + pin.pin() + " (active " + (pin.activeHigh() ? "high" : "low") + ")";
        final DigitalState level;
        try {
            level = pin.open(context, "probe-gpio-" + pin.pin()).state();
        } catch (final RuntimeException e) {
            missing.add(where);
            lines.add(where + ": cannot be opened (" + e.getMessage() + "): check that GPIO is available "
                + "(/dev/gpiochip0, the gpio group)");
            return;
        }
        lines.add(where + ": level " + level + (pin.isAsserted(level) ? ", ASSERTED now" : ", released"));
    }

    private void scan(final Context context) {
        final List<String> found = new ArrayList<>();
        for (int address = FIRST_ADDRESS; address <= LAST_ADDRESS; address++) {
            final I2C i2c;
            try {
                i2c = I2cDevices.open(context, "probe-scan-" + address, config.bus(), address);
            } catch (final RuntimeException e) {
                lines.add("I2C bus " + config.bus() + " scan: skipped, the bus cannot be opened (" + e.getMessage()
                    + ")");
                return;
            }
            try {
                if (i2c.read() >= 0) {
                    found.add(hex(address));
                }
            } catch (final RuntimeException noAnswer) {
                // a NACK: nothing at this address
            }
        }
        lines.add("I2C bus " + config.bus() + " scan " + hex(FIRST_ADDRESS) + ".." + hex(LAST_ADDRESS) + ": "
            + (found.isEmpty() ? "no device answers" : "answers at " + String.join(", ", found)));
    }

    private static String hex(final int address) {
        return String.format(Locale.ROOT, "0x%02X", address);
    }
}
