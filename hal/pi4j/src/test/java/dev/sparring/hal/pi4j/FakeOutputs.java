package dev.sparring.hal.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmBase;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmProviderBase;

import java.util.ArrayList;
import java.util.List;

/**
 * Hardware PWM channels and GPIO outputs behind Pi4J's {@link Pwm} and {@link DigitalOutput} interfaces that record
 * what is written: each PWM channel's duty (percent, 0 when off) and frequency, each pin's level, and, while
 * {@link #recording}, every call in order ("pwm0 on 50% 20000 Hz", "pwm0 off", "gpio23 HIGH"). {@link #fail} makes
 * every write throw, as Pi4J does when sysfs or the GPIO line goes away.
 */
final class FakeOutputs {
    final int[] dutyPercent = new int[4];
    final int[] frequencyHz = new int[4];
    final DigitalState[] levels = new DigitalState[28];
    final List<String> calls = new ArrayList<>();
    boolean recording = true;
    boolean fail;

    PwmProvider pwmProvider() {
        final FakeOutputs outputs = this;
        return new PwmProviderBase("fake-pwm", "fake hardware PWM") {
            @Override
            public Pwm create(final PwmConfig config) {
                return outputs.new FakePwm(this, config);
            }
        };
    }

    DigitalOutputProvider digitalProvider() {
        final FakeOutputs outputs = this;
        return new DigitalOutputProviderBase("fake-gpio-out", "fake GPIO outputs") {
            @Override
            public DigitalOutput create(final DigitalOutputConfig config) {
                final int pin = config.address();
                outputs.levels[pin] = config.initialState();
                return new DigitalOutputBase(this, config) {
                    @Override
                    public DigitalOutput state(final DigitalState level) {
                        outputs.requireWorking();
                        outputs.levels[pin] = level;
                        if (outputs.recording) {
                            outputs.calls.add("gpio" + pin + " " + level);
                        }
                        return super.state(level);
                    }
                };
            }
        };
    }

    private void requireWorking() {
        if (fail) {
            throw new IOException("output write failed (fake)");
        }
    }

    /** A PWM channel: {@code on()} takes the duty and frequency set before it, as linuxfs's does. */
    private final class FakePwm extends PwmBase {
        FakePwm(final PwmProvider provider, final PwmConfig config) {
            super(provider, config);
        }

        @Override
        public Pwm on() {
            requireWorking();
            final int channel = config().address();
            dutyPercent[channel] = dutyCycle;
            frequencyHz[channel] = frequency;
            onState = true;
            if (recording) {
                calls.add("pwm" + channel + " on " + dutyCycle + "% " + frequency + " Hz");
            }
            return this;
        }

        @Override
        public Pwm off() {
            requireWorking();
            final int channel = config().address();
            dutyPercent[channel] = 0;
            onState = false;
            if (recording) {
                calls.add("pwm" + channel + " off");
            }
            return this;
        }
    }
}
