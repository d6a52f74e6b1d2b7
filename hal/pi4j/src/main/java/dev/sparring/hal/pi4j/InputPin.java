package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * A GPIO input and the level at which it is asserted.
 *
 * @param pin        the BCM pin number.
 * @param activeHigh whether a high level asserts it (else low: a switch to ground with the pull-up on).
 */
public record InputPin(int pin, boolean activeHigh) {

    /**
     * Opens the pin as an input, its pull resistor towards the released level (pull-down when active high, else
     * pull-up).
     *
     * @param context the Pi4J context.
     * @param id      the input's id in the context, unique there.
     * @return the input.
     * @throws RuntimeException Pi4J's, when the pin cannot be opened.
     */
    DigitalInput open(final Context context, final String id) {
        return context.create(DigitalInput.newConfigBuilder(context).id(id).address(pin)
            .pull(activeHigh ? PullResistance.PULL_DOWN : PullResistance.PULL_UP).build(), IOType.DIGITAL_INPUT);
    }

    /**
     * @param level the input's level.
     * @return whether that level asserts it.
     */
    boolean isAsserted(final DigitalState level) {
        return activeHigh ? level == DigitalState.HIGH : level == DigitalState.LOW;
    }

    /**
     * @param input this pin, opened.
     * @return whether it is asserted now.
     * @throws RuntimeException Pi4J's, when the pin cannot be read.
     */
    boolean isAsserted(final DigitalInput input) {
        return isAsserted(input.state());
    }
}
