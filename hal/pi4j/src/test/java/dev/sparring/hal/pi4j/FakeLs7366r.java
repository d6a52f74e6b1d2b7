package dev.sparring.hal.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.io.spi.SpiProviderBase;

import java.util.ArrayList;
import java.util.List;

/**
 * An LS7366R quadrature counter modelled at instruction level behind Pi4J's SPI interface, at one bus and chip select:
 * the first byte of a transfer is the instruction (IR: operation in bits 7..6 — CLR, RD, WR, LOAD — and register in
 * bits 5..3 — MDR0, MDR1, DTR, CNTR, OTR, STR), data bytes follow most significant first, their number set by MDR1's
 * counter width for DTR, CNTR and OTR. RD CNTR latches CNTR into OTR and shifts OTR out, as the datasheet says. Power-on
 * state: every register 0. {@link #count} is what the encoder has counted (a test turns the wheel by setting it).
 * Every transfer is recorded while {@link #recording} ("60 00 00 00 00"). {@link #absent} answers like a bus with no
 * chip (MISO low: every byte 0x00), {@link #fail} makes a transfer throw, {@link #transferError} makes it return -1 as
 * linuxfs's does when its ioctl fails; a device opened at another bus or chip select cannot be opened.
 */
final class FakeLs7366r {
    final List<String> transfers = new ArrayList<>();
    final int bus;
    final int chipSelect;
    int mdr0;
    int mdr1;
    int dtr;
    int count;
    int otr;
    int str;
    boolean recording = true;
    boolean absent;
    boolean fail;
    boolean transferError;

    FakeLs7366r(final int bus, final int chipSelect) {
        this.bus = bus;
        this.chipSelect = chipSelect;
    }

    SpiProvider provider() {
        final FakeLs7366r chip = this;
        return new SpiProviderBase("fake-spi", "fake SPI bus with an LS7366R") {
            @Override
            public Spi create(final SpiConfig config) {
                if (config.bus().getBus() != chip.bus || config.address() != chip.chipSelect) {
                    throw new IOException("no /dev/spidev" + config.bus().getBus() + "." + config.address() + " (fake)");
                }
                return chip.new Device(this, config);
            }
        };
    }

    private int width() {
        return 4 - (mdr1 & 0x03);
    }

    private int transfer(final byte[] write, final int writeOffset, final byte[] read, final int readOffset,
        final int length) {
        if (fail) {
            throw new IOException("SPI transfer failed (fake)");
        }
        if (transferError) {
            return -1;
        }
        if (recording) {
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(i == 0 ? "" : " ").append(String.format("%02X", write[writeOffset + i] & 0xFF));
            }
            transfers.add(text.toString());
        }
        for (int i = 0; i < length; i++) {
            read[readOffset + i] = 0;
        }
        if (absent) {
            return length;
        }
        final int instruction = write[writeOffset] & 0xFF;
        final int operation = instruction & 0xC0;
        final int register = instruction & 0x38;
        switch (operation) {
            case Ls7366r.CLR -> clear(register);
            case Ls7366r.RD -> {
                if (register == Ls7366r.CNTR) {
                    otr = count;
                }
                final int value = register == Ls7366r.MDR0 ? mdr0 : register == Ls7366r.MDR1 ? mdr1
                    : register == Ls7366r.STR ? str : register == Ls7366r.DTR ? dtr : otr;
                final int bytes = register == Ls7366r.MDR0 || register == Ls7366r.MDR1 || register == Ls7366r.STR
                    ? 1 : width();
                for (int i = 1; i < length && i <= bytes; i++) {
                    read[readOffset + i] = (byte) (value >>> 8 * (bytes - i));
                }
            }
            case Ls7366r.WR -> {
                int value = 0;
                for (int i = 1; i < length; i++) {
                    value = value << 8 | write[writeOffset + i] & 0xFF;
                }
                if (register == Ls7366r.MDR0) {
                    mdr0 = value & 0xFF;
                } else if (register == Ls7366r.MDR1) {
                    mdr1 = value & 0xFF;
                } else if (register == Ls7366r.DTR) {
                    dtr = value;
                }
            }
            default -> {
                if (register == Ls7366r.CNTR) {
                    count = dtr;
                } else if (register == Ls7366r.OTR) {
                    otr = count;
                }
            }
        }
        return length;
    }

    private void clear(final int register) {
        switch (register) {
            case Ls7366r.MDR0 -> mdr0 = 0;
            case Ls7366r.MDR1 -> mdr1 = 0;
            case Ls7366r.CNTR -> count = 0;
            case Ls7366r.STR -> str = 0;
            default -> throw new IllegalArgumentException("CLR of register bits " + register + " (fake)");
        }
    }

    /** The SPI handle Pi4J's context hands out: full-duplex transfers only, as the driver uses. */
    private final class Device extends SpiBase {
        Device(final SpiProvider provider, final SpiConfig config) {
            super(provider, config);
        }

        @Override
        public int transfer(final byte[] write, final int writeOffset, final byte[] read, final int readOffset,
            final int length) {
            return FakeLs7366r.this.transfer(write, writeOffset, read, readOffset, length);
        }

        @Override
        public int write(final byte b) {
            throw new UnsupportedOperationException("the fake LS7366R takes full-duplex transfers");
        }

        @Override
        public int write(final byte[] data, final int offset, final int length) {
            throw new UnsupportedOperationException("the fake LS7366R takes full-duplex transfers");
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the fake LS7366R takes full-duplex transfers");
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) {
            throw new UnsupportedOperationException("the fake LS7366R takes full-duplex transfers");
        }
    }
}
