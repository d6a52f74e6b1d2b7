package dev.sparring.hal.pi4j;

import com.pi4j.io.spi.Spi;

/**
 * The LSI/CSI LS7366R 32-bit quadrature counter over Pi4J's {@link Spi} (SPI mode 0): it counts an encoder's edges in
 * hardware, so no interrupt reaches Java.
 * <p>
 * Every transfer starts with an instruction byte (IR): bits 7..6 the operation ({@link #CLR}, {@link #RD},
 * {@link #WR}, {@link #LOAD}), bits 5..3 the register ({@link #MDR0}, {@link #MDR1}, {@link #DTR}, {@link #CNTR},
 * {@link #OTR}, {@link #STR}); data bytes follow, most significant first. {@link #configure()} writes MDR0
 * {@value #MDR0_X4_FREE_RUNNING} (x4 quadrature, free-running, index off, filter clock ÷1) and MDR1
 * {@value #MDR1_4_BYTES} (4-byte counter, counting enabled, no flags), clears CNTR and reads MDR0 back. Each
 * {@link #read()} is one 5-byte transfer, RD CNTR (the chip latches CNTR into OTR and shifts it out) into a reused
 * buffer. Nothing is allocated here.
 */
final class Ls7366r {
    /** IR operation: clear the register. */
    static final int CLR = 0x00;
    /** IR operation: read the register. */
    static final int RD = 0x40;
    /** IR operation: write the register. */
    static final int WR = 0x80;
    /** IR operation: load (CNTR from DTR, or OTR from CNTR). */
    static final int LOAD = 0xC0;
    /** IR register: mode register 0. */
    static final int MDR0 = 0x08;
    /** IR register: mode register 1. */
    static final int MDR1 = 0x10;
    /** IR register: data register. */
    static final int DTR = 0x18;
    /** IR register: the counter. */
    static final int CNTR = 0x20;
    /** IR register: the output register. */
    static final int OTR = 0x28;
    /** IR register: the status register. */
    static final int STR = 0x30;
    /** MDR0: x4 quadrature (bits 1..0 = 11), free-running (bits 3..2 = 00), index off, filter clock ÷1. */
    static final int MDR0_X4_FREE_RUNNING = 0x03;
    /** MDR1: 4-byte counter (bits 1..0 = 00), counting enabled (bit 2 = 0), no flags. */
    static final int MDR1_4_BYTES = 0x00;
    /** The SPI clock used (Hz); the chip is specified far above it. */
    static final int BAUD = 1_000_000;

    private final Spi spi;
    private final byte[] tx = new byte[5];
    private final byte[] rx = new byte[5];
    private int count;

    /**
     * @param spi the chip's SPI device (its bus and chip select).
     */
    Ls7366r(final Spi spi) {
        this.spi = spi;
    }

    /**
     * Writes MDR0 and MDR1, clears CNTR and reads MDR0 back.
     *
     * @return MDR0 as read back ({@value #MDR0_X4_FREE_RUNNING} when the chip answers; a floating MISO reads 0x00 or
     *     0xFF), or -1 when a transfer failed without throwing (linuxfs logs a failed ioctl and returns -1).
     * @throws RuntimeException Pi4J's, when the bus cannot be used.
     */
    int configure() {
        if (!command(WR | MDR0, MDR0_X4_FREE_RUNNING, 2) || !command(WR | MDR1, MDR1_4_BYTES, 2)
            || !command(CLR | CNTR, 0, 1) || !command(RD | MDR0, 0, 2)) {
            return -1;
        }
        count = 0;
        return rx[1] & 0xFF;
    }

    /**
     * Reads the counter: one RD CNTR transfer.
     *
     * @return whether the transfer went through ({@link #count()} is then the new count).
     * @throws RuntimeException Pi4J's, when the bus cannot be used.
     */
    boolean read() {
        tx[0] = (byte) (RD | CNTR);
        tx[1] = 0;
        tx[2] = 0;
        tx[3] = 0;
        tx[4] = 0;
        if (spi.transfer(tx, 0, rx, 0, 5) != 5) {
            return false;
        }
        count = (rx[1] & 0xFF) << 24 | (rx[2] & 0xFF) << 16 | (rx[3] & 0xFF) << 8 | rx[4] & 0xFF;
        return true;
    }

    /**
     * @return the count of the last {@link #read()}: 32-bit, wrapping, x4 quadrature edges.
     */
    int count() {
        return count;
    }

    /**
     * Reads a register without writing any: for the probe, which must not reconfigure the chip (RD CNTR latches CNTR
     * into OTR, which changes nothing the chip counts with).
     *
     * @param register the IR register bits ({@link #MDR0}, {@link #MDR1}, {@link #CNTR}, ...).
     * @param bytes    its width, 1..4.
     * @return its value, most significant byte first, or -1 when the transfer failed without throwing.
     * @throws RuntimeException Pi4J's, when the bus cannot be used.
     */
    long readRegister(final int register, final int bytes) {
        tx[0] = (byte) (RD | register);
        for (int i = 1; i <= bytes; i++) {
            tx[i] = 0;
        }
        if (spi.transfer(tx, 0, rx, 0, bytes + 1) != bytes + 1) {
            return -1;
        }
        long value = 0;
        for (int i = 1; i <= bytes; i++) {
            value = value << 8 | rx[i] & 0xFF;
        }
        return value;
    }

    private boolean command(final int instruction, final int data, final int length) {
        tx[0] = (byte) instruction;
        tx[1] = (byte) data;
        return spi.transfer(tx, 0, rx, 0, length) == length;
    }
}
