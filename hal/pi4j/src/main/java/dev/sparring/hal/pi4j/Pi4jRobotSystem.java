package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;

import dev.sparring.hal.AbstractRobotSystem;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;

import java.util.Arrays;

/**
 * Hobby servos on a PCA9685, DC motors through H-bridges with LS7366R-counted encoders ({@link Motors}), an optional
 * IMU and GPIO limit switches and emergency stop through Pi4J: the {@code pi4j} backend's robot system
 * ({@link Pi4jConfig}).
 * <p>
 * Configure opens a Pi4J context from its {@link ContextSource} and every device once, initialises the PCA9685 (when
 * a servo or motor uses it, {@link Pca9685#configure()}), each encoder's counter (MDR0 read back) and the IMU (its
 * identity register: an MPU-6050 or a BNO055, {@link Imu}), with every output in its safe state. Each tick
 * {@link #read} checks the emergency stop, then the limit switches — either asserted answers ERROR, so hal's error path
 * applies the safe state in the same tick — then reads the IMU and the encoders, and reports each servo's last
 * commanded position (a hobby servo gives no feedback; a limp servo never commanded reports 0 clamped into its
 * position limits, where its first pulse sends it); {@link #write} turns position commands into pulse widths and
 * effort commands into duty cycles, and writes the PCA9685's channels in one I2C transfer. A device failure (Pi4J
 * throws on a NACK; linuxfs's SPI answers -1) answers ERROR, never an exception; the system then goes UNCONFIGURED
 * ({@link #onError()}) and the next configure initialises the chips again.
 */
public final class Pi4jRobotSystem extends AbstractRobotSystem {
    private static final String I2C_ID = "pca9685";
    private static final String IMU_I2C_ID = "imu";

    private final Pi4jConfig config;
    private final ContextSource contextSource;
    private final Sleeper sleeper;
    private final ServoChannel[] servos;
    private final Motors motors;
    private final LimitSwitch[] switches;
    private final double[] commandedRad;
    private final int firstChannel;
    private final int lastChannel;
    /** The sensor channel each {@link ImuQuantity} fills, by ordinal; -1: not used. */
    private final int[] imuChannels = new int[ImuQuantity.values().length];
    private final ImuQuantity[] quantities = ImuQuantity.values();
    private Context context;
    private Pca9685 chip;
    private Imu imu;
    private DigitalInput estop;
    private DigitalInput[] switchInputs;
    private Fault fault = Fault.NONE;
    private int faultIndex;
    private RuntimeException lastIoError;
    private String transitionProblem = "";

    /** What made the last read or write answer ERROR. */
    private enum Fault { NONE, ESTOP, LIMIT, GPIO, I2C, IMU, MOTOR }

    /**
     * @param spec          the robot.
     * @param config        the validated {@code pi4j} section.
     * @param contextSource where the Pi4J context comes from at configure.
     */
    public Pi4jRobotSystem(final RobotSpec spec, final Pi4jConfig config, final ContextSource contextSource) {
        this(spec, config, contextSource, Sleeper.THREAD);
    }

    /**
     * @param spec          the robot.
     * @param config        the validated {@code pi4j} section.
     * @param contextSource where the Pi4J context comes from at configure.
     * @param sleeper       waits out a chip's mode switch times during configure (tests: records them).
     */
    public Pi4jRobotSystem(final RobotSpec spec, final Pi4jConfig config, final ContextSource contextSource,
        final Sleeper sleeper) {
        super(spec, false);
        this.config = config;
        this.contextSource = contextSource;
        this.sleeper = sleeper;
        this.servos = config.servos().toArray(new ServoChannel[0]);
        this.switches = config.limitSwitches().toArray(new LimitSwitch[0]);
        this.motors = new Motors(config.motors());
        this.commandedRad = new double[spec.jointCount()];
        int first = Pca9685.CHANNELS;
        int last = -1;
        for (int s = 0; s < servos.length; s++) {
            first = Math.min(first, servos[s].channel());
            last = Math.max(last, servos[s].channel());
        }
        for (final MotorConfig motor : config.motors()) {
            final DutyOutputConfig[] outputs = {motor.pwm(), motor.in2().orElse(motor.pwm())};
            for (final DutyOutputConfig output : outputs) {
                if (output.onPca9685()) {
                    first = Math.min(first, output.pca9685Channel());
                    last = Math.max(last, output.pca9685Channel());
                }
            }
        }
        this.firstChannel = first;
        this.lastChannel = last;
        for (final ServoChannel servo : servos) {
            final JointSpec joint = spec.joints().get(servo.jointIndex());
            commandedRad[servo.jointIndex()] = servo.safeOff()
                ? Math.min(joint.positionMax(), Math.max(joint.positionMin(), 0.0)) : servo.safeRad();
        }
        Arrays.fill(imuChannels, -1);
        config.imu().ifPresent(imuConfig -> imuConfig.channels()
            .forEach((quantity, index) -> imuChannels[quantity.ordinal()] = index));
    }

    @Override
    protected ReturnCode onConfigure() {
        transitionProblem = "";
        fault = Fault.NONE;
        if (context == null && openDevices() != ReturnCode.OK) {
            closeContext();
            return ReturnCode.ERROR;
        }
        motors.applySafeState();
        if (chip != null && configurePca9685() != ReturnCode.OK) {
            return ReturnCode.ERROR;
        }
        transitionProblem = motors.configure(spec().jointNames());
        if (!transitionProblem.isEmpty()) {
            return ReturnCode.ERROR;
        }
        return imu == null ? ReturnCode.OK : configureImu(config.imu().get());
    }

    /** Opens the context and every device once; on failure says which. */
    private ReturnCode openDevices() {
        String what = "Pi4J";
        try {
            context = contextSource.open();
            if (config.usesPca9685()) {
                what = "the PCA9685 at " + pca9685Where();
                chip = new Pca9685(I2cDevices.open(context, I2C_ID, config.bus(), config.address()), firstChannel,
                    lastChannel, config.pwmFrequencyHz());
            }
            what = "the e-stop and limit-switch inputs";
            estop = config.estop().open(context, "estop");
            switchInputs = new DigitalInput[switches.length];
            for (int i = 0; i < switches.length; i++) {
                switchInputs[i] = switches[i].input().open(context, "limit-" + i);
            }
            if (config.imu().isPresent()) {
                final ImuConfig imuConfig = config.imu().get();
                what = "the " + imuConfig.type().chip() + " at " + imuConfig.where();
                imu = imuConfig.open(I2cDevices.open(context, IMU_I2C_ID, imuConfig.bus(), imuConfig.address()),
                    sleeper);
            }
            what = "the motors' PWM, direction and SPI devices";
            motors.open(context, chip);
            return ReturnCode.OK;
        } catch (final RuntimeException e) {
            transitionProblem = "opening " + what + " failed (" + e.getMessage() + "): check that I2C, SPI and the "
                + "PWM overlay are enabled (raspi-config, /boot/firmware/config.txt) and no other program holds the "
                + "pins";
            return ReturnCode.ERROR;
        }
    }

    private ReturnCode configurePca9685() {
        try {
            if (!chip.configure()) {
                transitionProblem = "the device at " + pca9685Where() + " answers but is not a PCA9685 (PRESCALE did "
                    + "not read back " + chip.prescale() + "): check pi4j.pca9685.address";
                return ReturnCode.ERROR;
            }
            setSafePulses();
            chip.flush();
            return ReturnCode.OK;
        } catch (final RuntimeException e) {
            transitionProblem = "no PCA9685 answers at " + pca9685Where() + " (" + e.getMessage()
                + "): check wiring, power and that I2C is enabled (raspi-config, /dev/i2c-" + config.bus() + ")";
            return ReturnCode.ERROR;
        }
    }

    private ReturnCode configureImu(final ImuConfig imuConfig) {
        final ImuType type = imuConfig.type();
        try {
            final int identity = imu.configure();
            if (identity != type.identity()) {
                transitionProblem = type.notThisChip(imuConfig.where(), identity);
                return ReturnCode.ERROR;
            }
            return ReturnCode.OK;
        } catch (final RuntimeException e) {
            transitionProblem = "no " + type.chip() + " answers at " + imuConfig.where() + " (" + e.getMessage()
                + "): check wiring, power and the address pin (" + type.addressPins() + ")";
            return ReturnCode.ERROR;
        }
    }

    @Override
    protected ReturnCode onRead(final long nowNs, final RobotState state) {
        try {
            if (config.estop().isAsserted(estop)) {
                fault = Fault.ESTOP;
                return ReturnCode.ERROR;
            }
            for (int i = 0; i < switches.length; i++) {
                if (switches[i].input().isAsserted(switchInputs[i])) {
                    fault = Fault.LIMIT;
                    faultIndex = i;
                    return ReturnCode.ERROR;
                }
            }
        } catch (final RuntimeException e) {
            lastIoError = e;
            fault = Fault.GPIO;
            return ReturnCode.ERROR;
        }
        if (imu != null) {
            try {
                imu.read(nowNs);
            } catch (final RuntimeException e) {
                lastIoError = e;
                fault = Fault.IMU;
                return ReturnCode.ERROR;
            }
            final double[] sensors = state.sensors();
            for (int q = 0; q < imuChannels.length; q++) {
                if (imuChannels[q] >= 0) {
                    sensors[imuChannels[q]] = imu.value(quantities[q]);
                }
            }
        }
        if (!motors.read(nowNs, state)) {
            fault = Fault.MOTOR;
            return ReturnCode.ERROR;
        }
        final double[] positions = state.positions();
        final double[] velocities = state.velocities();
        final double[] efforts = state.efforts();
        for (int s = 0; s < servos.length; s++) {
            final int j = servos[s].jointIndex();
            positions[j] = commandedRad[j];
            velocities[j] = 0.0;
            efforts[j] = 0.0;
        }
        state.markFreshSample(nowNs);
        return ReturnCode.OK;
    }

    @Override
    protected ReturnCode onWrite(final RobotCommand command) {
        final double[] values = command.values();
        for (int s = 0; s < servos.length; s++) {
            final ServoChannel servo = servos[s];
            final double value = values[servo.jointIndex()];
            if (Double.isNaN(value)) {
                setSafe(servo);
            } else {
                commandedRad[servo.jointIndex()] = value;
                chip.pulseUs(servo.channel(), servo.pulseUs(value));
            }
        }
        if (!motors.write(values)) {
            fault = Fault.MOTOR;
            return ReturnCode.ERROR;
        }
        return flush();
    }

    @Override
    protected void applySafeState() {
        motors.applySafeState();
        if (chip == null) {
            return;
        }
        setSafePulses();
        flush();
    }

    @Override
    protected ReturnCode onError() {
        return fault == Fault.ESTOP || fault == Fault.LIMIT ? ReturnCode.OK : ReturnCode.ERROR;
    }

    @Override
    protected ReturnCode onShutdown() {
        if (context == null) {
            return ReturnCode.OK;
        }
        return closeContext();
    }

    private ReturnCode closeContext() {
        if (context == null) {
            return ReturnCode.OK;
        }
        try {
            context.shutdown();
            return ReturnCode.OK;
        } catch (final RuntimeException e) {
            transitionProblem = "closing Pi4J failed: " + e.getMessage();
            return ReturnCode.ERROR;
        } finally {
            context = null;
            chip = null;
            imu = null;
        }
    }

    @Override
    public String statusMessage() {
        if (!transitionProblem.isEmpty()) {
            return transitionProblem;
        }
        return switch (fault) {
            case NONE -> "";
            case ESTOP -> "the emergency stop (GPIO " + config.estop().pin() + ") is asserted";
            case LIMIT -> "joint '" + spec().joints().get(switches[faultIndex].jointIndex()).name() + "' is at its "
                + (switches[faultIndex].atMax() ? "max" : "min") + " limit switch (GPIO "
                + switches[faultIndex].input().pin() + ")";
            case GPIO -> "reading a GPIO input failed (" + lastIoError.getMessage() + "); configure again";
            case I2C -> "the PCA9685 at " + pca9685Where()
                + " stopped answering (" + lastIoError.getMessage()
                + "); configure again once it is back";
            case IMU -> "the " + config.imu().get().type().chip() + " at " + config.imu().get().where()
                + " stopped answering (" + lastIoError.getMessage() + "); configure again once it is back";
            case MOTOR -> motors.problem(spec().jointNames());
        };
    }

    private String pca9685Where() {
        return I2cDevices.where(config.bus(), config.address());
    }

    /** Every servo's safe pulse into the chip's buffer; held servos' commanded positions back to the safe ones. */
    private void setSafePulses() {
        for (int s = 0; s < servos.length; s++) {
            setSafe(servos[s]);
        }
    }

    /** A limp servo keeps reporting its last command: it has no feedback, and NaN would fault the controller. */
    private void setSafe(final ServoChannel servo) {
        if (servo.safeOff()) {
            chip.fullOff(servo.channel());
        } else {
            commandedRad[servo.jointIndex()] = servo.safeRad();
            chip.pulseUs(servo.channel(), servo.pulseUs(servo.safeRad()));
        }
    }

    private ReturnCode flush() {
        if (chip == null) {
            return ReturnCode.OK;
        }
        try {
            chip.flush();
            return ReturnCode.OK;
        } catch (final RuntimeException e) {
            lastIoError = e;
            fault = Fault.I2C;
            return ReturnCode.ERROR;
        }
    }
}
