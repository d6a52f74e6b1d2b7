package dev.sparring.hal.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * GPIO inputs behind Pi4J's digital-input interface whose levels a test sets per BCM pin (all high at start: switches
 * to ground, open, with the pull-ups on), and which of them cannot be opened.
 */
final class FakeInputs {
    private final DigitalState[] levels = new DigitalState[28];
    private final boolean[] unavailable = new boolean[28];

    FakeInputs() {
        java.util.Arrays.fill(levels, DigitalState.HIGH);
    }

    void set(final int pin, final DigitalState level) {
        levels[pin] = level;
    }

    /** Makes opening the pin fail, as Pi4J does when a line is busy or absent. */
    void makeUnavailable(final int pin) {
        unavailable[pin] = true;
    }

    DigitalInputProvider provider() {
        final FakeInputs inputs = this;
        return new DigitalInputProviderBase("fake-gpio", "fake GPIO inputs") {
            @Override
            public DigitalInput create(final DigitalInputConfig config) {
                final int pin = config.address();
                if (inputs.unavailable[pin]) {
                    throw new IllegalStateException("GPIO " + pin + " is busy (fake)");
                }
                return new DigitalInputBase(this, config) {
                    @Override
                    public DigitalState state() {
                        return inputs.levels[pin];
                    }
                };
            }
        };
    }
}
