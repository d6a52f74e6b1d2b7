package dev.sparring.hal.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CBus;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.i2c.I2CProviderBase;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * A PCA9685 modelled at register level behind Pi4J's I2C interface: a register pointer set by the first byte of a write,
 * auto-increment when MODE1's AI bit is set, PRESCALE writable only while MODE1's SLEEP bit is set (as the datasheet
 * says), and a record of every write transfer. {@link #nack} makes every transfer throw, as Pi4J does on a NACK; so do
 * devices opened at any other address than {@link #address} (an empty bus there).
 */
final class FakePca9685 {
    final byte[] registers = new byte[256];
    final List<String> transfers = new ArrayList<>();
    boolean recording = true;
    boolean nack;
    int address = Pca9685.DEFAULT_ADDRESS;

    FakePca9685() {
        registers[Pca9685.MODE1] = 0x11;
        registers[Pca9685.MODE2] = 0x04;
        registers[Pca9685.PRESCALE] = 0x1E;
    }

    /**
     * @param channel an output.
     * @return its OFF count, or -1 when its full-off bit is set.
     */
    int offCount(final int channel) {
        final int at = Pca9685.LED0_ON_L + 4 * channel;
        if ((registers[at + 3] & Pca9685.FULL_OFF) != 0) {
            return -1;
        }
        return (registers[at + 2] & 0xFF) | (registers[at + 3] & 0x0F) << 8;
    }

    /**
     * @param channel an output.
     * @return its ON count.
     */
    int onCount(final int channel) {
        final int at = Pca9685.LED0_ON_L + 4 * channel;
        return (registers[at] & 0xFF) | (registers[at + 1] & 0x0F) << 8;
    }

    /** A Pi4J I2C provider whose device at {@link #address} is this chip. */
    I2CProvider provider() {
        final FakePca9685 chip = this;
        return new I2CProviderBase("fake-i2c", "fake PCA9685") {
            @Override
            public I2C create(final I2CConfig config) {
                return chip.new Device(this, config);
            }
        };
    }

    private void requireAnswer(final int device) {
        if (nack || device != address) {
            throw new IOException("I2C NACK (fake) at address " + device);
        }
    }

    private void transfer(final int device, final byte[] data, final int offset, final int length) {
        requireAnswer(device);
        if (recording) {
            final StringBuilder text = new StringBuilder(String.format("%02X:", data[offset] & 0xFF));
            for (int i = 1; i < length; i++) {
                text.append(String.format(" %02X", data[offset + i] & 0xFF));
            }
            transfers.add(text.toString());
        }
        int pointer = data[offset] & 0xFF;
        for (int i = 1; i < length; i++) {
            final int value = data[offset + i] & 0xFF;
            final boolean sleeping = (registers[Pca9685.MODE1] & Pca9685.MODE1_SLEEP) != 0;
            if (pointer != Pca9685.PRESCALE || sleeping) {
                registers[pointer] = (byte) value;
            }
            if ((registers[Pca9685.MODE1] & Pca9685.MODE1_AI) != 0) {
                pointer = (pointer + 1) & 0xFF;
            }
        }
    }

    /** The I2C handle Pi4J's context hands out. */
    private final class Device extends I2CBase<I2CBus> {
        private final byte[] one = new byte[2];

        Device(final I2CProvider provider, final I2CConfig config) {
            super(provider, config, new DirectBus());
        }

        @Override
        public int write(final byte b) {
            one[0] = b;
            transfer(config().device(), one, 0, 1);
            return 1;
        }

        @Override
        public int write(final byte[] data, final int offset, final int length) {
            transfer(config().device(), data, offset, length);
            return length;
        }

        @Override
        public int write(final Charset charset, final CharSequence text) {
            throw new UnsupportedOperationException("the fake PCA9685 takes bytes");
        }

        @Override
        public int read() {
            return readRegister(Pca9685.MODE1);
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) {
            throw new UnsupportedOperationException("the fake PCA9685 is read by register");
        }

        @Override
        public String readString(final Charset charset, final int length) {
            throw new UnsupportedOperationException("the fake PCA9685 takes bytes");
        }

        @Override
        public int writeRegister(final int register, final byte value) {
            one[0] = (byte) register;
            one[1] = value;
            transfer(config().device(), one, 0, 2);
            return 1;
        }

        @Override
        public int writeRegister(final int register, final byte[] data, final int offset, final int length) {
            final byte[] frame = new byte[length + 1];
            frame[0] = (byte) register;
            System.arraycopy(data, offset, frame, 1, length);
            transfer(config().device(), frame, 0, frame.length);
            return length;
        }

        @Override
        public int writeRegister(final byte[] register, final byte[] data, final int offset, final int length) {
            throw new UnsupportedOperationException("the PCA9685 has one-byte register addresses");
        }

        @Override
        public int writeRegister(final int register, final Charset charset, final CharSequence text) {
            throw new UnsupportedOperationException("the fake PCA9685 takes bytes");
        }

        @Override
        public int readRegister(final int register) {
            requireAnswer(config().device());
            return registers[register & 0xFF] & 0xFF;
        }

        @Override
        public int readRegister(final byte[] register, final byte[] buffer, final int offset, final int length) {
            throw new UnsupportedOperationException("the PCA9685 has one-byte register addresses");
        }

        @Override
        public int readRegister(final int register, final byte[] buffer, final int offset, final int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (byte) readRegister(register + i);
            }
            return length;
        }

        @Override
        public String readRegisterString(final int register, final Charset charset, final int length) {
            throw new UnsupportedOperationException("the fake PCA9685 takes bytes");
        }
    }

    /** No bus lock: the fake answers on the caller's thread. */
    private static final class DirectBus implements I2CBus {
        @Override
        public <R> R execute(final I2C i2c, final java.util.concurrent.Callable<R> action) {
            try {
                return action.call();
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
