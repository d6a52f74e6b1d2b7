package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;

import dev.sparring.hal.RobotState;

import java.util.List;

/**
 * The motor joints of a pi4j robot ({@link MotorConfig}): each an {@link HBridgeMotor} and a
 * {@link QuadratureEncoder}, driven by {@link Pi4jRobotSystem}.
 * <p>
 * Per tick {@link #read} reads every encoder (one SPI transfer each) into positions and velocities and reports the
 * applied effort ({@code duty · max_effort}, 0 in the safe state); {@link #write} turns effort commands into duty
 * cycles (NaN: that motor's safe state). A failure — Pi4J throwing, or linuxfs's SPI answering -1 — returns false and
 * is remembered for {@link #problem()}; never an exception out of a tick. Nothing is allocated per tick.
 */
final class Motors {
    private final MotorConfig[] configs;
    private final HBridgeMotor[] bridges;
    private final QuadratureEncoder[] encoders;
    private final double[] appliedDuty;
    private int failedMotor = -1;
    private boolean failedEncoder;
    private RuntimeException lastError;

    /**
     * @param configs the motors.
     */
    Motors(final List<MotorConfig> configs) {
        this.configs = configs.toArray(new MotorConfig[0]);
        this.bridges = new HBridgeMotor[this.configs.length];
        this.encoders = new QuadratureEncoder[this.configs.length];
        this.appliedDuty = new double[this.configs.length];
    }

    /** @return whether there are none. */
    boolean isEmpty() {
        return configs.length == 0;
    }

    /**
     * Opens every motor's outputs (low) and encoder; once per Pi4J context.
     *
     * @param context the Pi4J context.
     * @param chip    the PCA9685, when the description has one.
     * @throws RuntimeException Pi4J's, when something cannot be opened.
     */
    void open(final Context context, final Pca9685 chip) {
        for (int m = 0; m < configs.length; m++) {
            bridges[m] = HBridgeMotor.open(context, chip, configs[m]);
            encoders[m] = new QuadratureEncoder(new Ls7366r(configs[m].encoder().open(context, "ls7366r-" + m)),
                configs[m].encoder());
        }
    }

    /**
     * Configures every encoder's LS7366R and checks MDR0 reads back.
     *
     * @param jointNames the robot's joint names, for the message.
     * @return "" when every counter answers, else what is wrong and where.
     */
    String configure(final List<String> jointNames) {
        failedMotor = -1;
        for (int m = 0; m < configs.length; m++) {
            final EncoderConfig encoder = configs[m].encoder();
            final String where = "the " + encoder + " of joint '" + jointNames.get(configs[m].jointIndex()) + "'";
            final int mdr0;
            try {
                mdr0 = encoders[m].configure();
            } catch (final RuntimeException e) {
                return where + " cannot be used (" + e.getMessage() + "): check that SPI is enabled (raspi-config, "
                    + "/dev/spidev" + encoder.spiBus() + "." + encoder.chipSelect() + ")";
            }
            if (mdr0 != Ls7366r.MDR0_X4_FREE_RUNNING) {
                return where + " does not answer: MDR0 read back " + (mdr0 < 0 ? "nothing (the transfer failed)"
                    : String.format("0x%02X", mdr0)) + ", expected 0x03: check its wiring (MISO, CS), 5 V or 3.3 V "
                    + "supply and the chip_select";
            }
        }
        return "";
    }

    /**
     * @param nowNs the tick's clock.
     * @param state where positions, velocities and efforts go.
     * @return whether every encoder was read.
     */
    boolean read(final long nowNs, final RobotState state) {
        final double[] positions = state.positions();
        final double[] velocities = state.velocities();
        final double[] efforts = state.efforts();
        for (int m = 0; m < configs.length; m++) {
            final boolean ok;
            try {
                ok = encoders[m].read(nowNs);
            } catch (final RuntimeException e) {
                return fail(m, true, e);
            }
            if (!ok) {
                return fail(m, true, null);
            }
            final int j = configs[m].jointIndex();
            positions[j] = encoders[m].positionRad();
            velocities[j] = encoders[m].velocityRadS();
            efforts[j] = appliedDuty[m] * configs[m].maxEffort();
        }
        return true;
    }

    /**
     * @param efforts the command, indexed by joint; NaN puts that motor in its safe state.
     * @return whether every output was written (PCA9685 channels: into the chip's buffer, flushed by the caller).
     */
    boolean write(final double[] efforts) {
        for (int m = 0; m < configs.length; m++) {
            final double effort = efforts[configs[m].jointIndex()];
            try {
                if (Double.isNaN(effort)) {
                    safe(m);
                } else {
                    appliedDuty[m] = configs[m].duty(effort);
                    bridges[m].drive(appliedDuty[m]);
                }
            } catch (final RuntimeException e) {
                return fail(m, false, e);
            }
        }
        return true;
    }

    /** Every motor's safe state; a motor whose outputs cannot be written is passed over. Never throws. */
    void applySafeState() {
        for (int m = 0; m < configs.length; m++) {
            if (bridges[m] != null) {
                try {
                    safe(m);
                } catch (final RuntimeException e) {
                    // best effort: the tick that failed has already said why
                }
            }
        }
    }

    /**
     * @param jointNames the robot's joint names.
     * @return what failed in the last failing tick.
     */
    String problem(final List<String> jointNames) {
        if (failedMotor < 0) {
            return "";
        }
        final MotorConfig config = configs[failedMotor];
        final String joint = "joint '" + jointNames.get(config.jointIndex()) + "'";
        final String cause = lastError == null ? "the transfer failed" : lastError.getMessage();
        return failedEncoder ? "the " + config.encoder() + " of " + joint + " stopped answering (" + cause
            + "); configure again once it is back"
            : "writing the H-bridge outputs of " + joint + " failed (" + cause + "); configure again";
    }

    private void safe(final int m) {
        appliedDuty[m] = 0.0;
        bridges[m].safe();
    }

    private boolean fail(final int m, final boolean encoder, final RuntimeException e) {
        failedMotor = m;
        failedEncoder = encoder;
        lastError = e;
        return false;
    }
}
