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
 * A chip with 128 one-byte registers modelled behind Pi4J's I2C interface: burst reads that auto-increment the
 * register pointer, a record of every register write ("3D: 0C") and burst read ("read 14 from 3B") while
 * {@link #recording}, and {@link #nack}, which makes every transfer throw as Pi4J does on a NACK. Subclasses set the
 * power-on values and may model what a write does ({@link #onWrite}).
 */
abstract class FakeRegisterChip {
    final byte[] registers = new byte[128];
    final List<String> writes = new ArrayList<>();
    final List<String> bursts = new ArrayList<>();
    boolean nack;
    /** Off: nothing is recorded, so a tick allocates nothing here either. */
    boolean recording = true;

    /**
     * Stores a written register; override to model a chip that ignores or reacts to some writes.
     *
     * @param register the register.
     * @param value    the byte written.
     */
    void onWrite(final int register, final byte value) {
        registers[register & 0x7F] = value;
    }

    /**
     * @param address   the address this chip answers at.
     * @param elsewhere the provider for every other address (the PCA9685).
     * @return a Pi4J I2C provider: a bus with this chip at {@code address}.
     */
    I2CProvider provider(final int address, final I2CProvider elsewhere) {
        final FakeRegisterChip chip = this;
        return new I2CProviderBase("fake-i2c", "fake I2C bus with " + getClass().getSimpleName()) {
            @Override
            public I2C create(final I2CConfig config) {
                return config.device() == address ? chip.new Device(this, config) : elsewhere.create(config);
            }
        };
    }

    private void answer() {
        if (nack) {
            throw new IOException("I2C NACK (fake)");
        }
    }

    /** The I2C handle Pi4J's context hands out: register reads and writes only, as the driver uses. */
    private final class Device extends I2CBase<I2CBus> {
        Device(final I2CProvider provider, final I2CConfig config) {
            super(provider, config, new I2CBus() {
                @Override
                public <R> R execute(final I2C i2c, final java.util.concurrent.Callable<R> action) {
                    throw new UnsupportedOperationException("the fake answers on the caller's thread");
                }
            });
        }

        @Override
        public int writeRegister(final int register, final byte value) {
            answer();
            if (recording) {
                writes.add(String.format("%02X: %02X", register, value & 0xFF));
            }
            onWrite(register, value);
            return 1;
        }

        @Override
        public int readRegister(final int register) {
            answer();
            return registers[register & 0x7F] & 0xFF;
        }

        @Override
        public int readRegister(final int register, final byte[] buffer, final int offset, final int length) {
            answer();
            if (recording) {
                bursts.add(String.format("read %d from %02X", length, register));
            }
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = registers[(register + i) & 0x7F];
            }
            return length;
        }

        @Override
        public int write(final byte b) {
            throw new UnsupportedOperationException("the fake chip is used by register");
        }

        @Override
        public int write(final byte[] data, final int offset, final int length) {
            throw new UnsupportedOperationException("the fake chip is used by register");
        }

        @Override
        public int write(final Charset charset, final CharSequence text) {
            throw new UnsupportedOperationException("the fake chip is used by register");
        }

        @Override
        public int read() {
            answer();
            return registers[0] & 0xFF;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) {
            throw new UnsupportedOperationException("the fake chip is used by register");
        }

        @Override
        public String readString(final Charset charset, final int length) {
            throw new UnsupportedOperationException("the fake chip is used by register");
        }

        @Override
        public int writeRegister(final int register, final byte[] data, final int offset, final int length) {
            throw new UnsupportedOperationException("the driver writes one register at a time");
        }

        @Override
        public int writeRegister(final byte[] register, final byte[] data, final int offset, final int length) {
            throw new UnsupportedOperationException("the chip has one-byte register addresses");
        }

        @Override
        public int writeRegister(final int register, final Charset charset, final CharSequence text) {
            throw new UnsupportedOperationException("the fake chip is used by register");
        }

        @Override
        public int readRegister(final byte[] register, final byte[] buffer, final int offset, final int length) {
            throw new UnsupportedOperationException("the chip has one-byte register addresses");
        }

        @Override
        public String readRegisterString(final int register, final Charset charset, final int length) {
            throw new UnsupportedOperationException("the fake chip is used by register");
        }
    }
}
