package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * A DC motor's H-bridge inputs, driven by a signed duty cycle ({@link MotorConfig}).
 * <ul>
 *   <li>PWM + direction: the duty's magnitude on the PWM output, its sign on the direction GPIO (low: positive,
 *       high: negative). The safe state is coast: PWM 0, direction low.</li>
 *   <li>Two inputs (DRV8833, TB6612 with PWMx high): a positive duty PWMs IN1 with IN2 low, a negative one IN2 with IN1
 *       low (fast decay: the bridge coasts in the off part of the period). Coast: both low; brake: both high.</li>
 * </ul>
 * The direction GPIO is written only when it changes. Nothing is allocated here; Pi4J's exceptions pass through.
 */
final class HBridgeMotor {
    private final DutyOutput pwm;
    private final DutyOutput in2;
    private final DigitalOutput direction;
    private final boolean brake;
    private int lastDirection = -1;

    private HBridgeMotor(final DutyOutput pwm, final DutyOutput in2, final DigitalOutput direction,
        final boolean brake) {
        this.pwm = pwm;
        this.in2 = in2;
        this.direction = direction;
        this.brake = brake;
    }

    /**
     * Opens the motor's outputs, low.
     *
     * @param context the Pi4J context.
     * @param chip    the PCA9685, when the description has one.
     * @param config  the motor.
     * @return the motor.
     * @throws RuntimeException Pi4J's, when an output cannot be opened.
     */
    static HBridgeMotor open(final Context context, final Pca9685 chip, final MotorConfig config) {
        final DutyOutput pwm = config.pwm().open(context, chip, config.frequencyHz());
        if (config.in2().isPresent()) {
            return new HBridgeMotor(pwm, config.in2().get().open(context, chip, config.frequencyHz()), null,
                config.brake());
        }
        final int pin = config.directionPin();
        final DigitalOutput direction = context.create(DigitalOutput.newConfigBuilder(context).id("direction-" + pin)
            .address(pin).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build(), IOType.DIGITAL_OUTPUT);
        return new HBridgeMotor(pwm, null, direction, false);
    }

    /**
     * @param duty the signed duty cycle, -1..1.
     * @throws RuntimeException Pi4J's, when an output cannot be written.
     */
    void drive(final double duty) {
        final double magnitude = Math.abs(duty);
        if (direction == null) {
            pwm.duty(duty > 0 ? magnitude : 0.0);
            in2.duty(duty < 0 ? magnitude : 0.0);
            return;
        }
        final int wanted = duty < 0 ? 1 : 0;
        if (wanted != lastDirection) {
            direction.state(wanted == 1 ? DigitalState.HIGH : DigitalState.LOW);
            lastDirection = wanted;
        }
        pwm.duty(magnitude);
    }

    /**
     * The safe state, written whatever was written before: coast (every input low) or brake (both inputs high).
     *
     * @throws RuntimeException Pi4J's, when an output cannot be written.
     */
    void safe() {
        pwm.forget();
        if (direction == null) {
            in2.forget();
            pwm.duty(brake ? 1.0 : 0.0);
            in2.duty(brake ? 1.0 : 0.0);
            return;
        }
        lastDirection = -1;
        drive(0.0);
    }
}
