package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiMode;

import dev.sparring.hal.config.ConfigNode;

/**
 * A quadrature encoder counted by an LS7366R ({@link Ls7366r}) on an SPI bus:
 * {@code encoder: {spi_bus: 0, chip_select: 0, counts_per_rev: 2048, direction: 1}}.
 *
 * @param spiBus       the SPI bus, 0 (GPIO 9 MISO, 10 MOSI, 11 SCLK; CE0 = GPIO 8, CE1 = GPIO 7) or 1 (GPIO 19, 20,
 *                     21; CE0 = 18, CE1 = 17, CE2 = 16), {@code /dev/spidevB.C}.
 * @param chipSelect   the chip-select line.
 * @param countsPerRev x4 quadrature counts per revolution of the joint, gearing included (4 × the encoder's lines ×
 *                     the gear ratio).
 * @param direction    +1 or -1: the sign between counts and joint position.
 */
record EncoderConfig(int spiBus, int chipSelect, double countsPerRev, int direction) {
    private static final int[][] BUS_PINS = {{9, 10, 11}, {19, 20, 21}};
    private static final int[][] CE_PINS = {{8, 7}, {18, 17, 16}};

    /**
     * Reads an {@code encoder} entry and claims its bus's pins and its chip-select pin.
     *
     * @param node   the entry.
     * @param claims what is taken so far.
     * @param use    who uses it, for a later conflict's message.
     * @return the encoder.
     * @throws dev.sparring.hal.config.ConfigException naming the field that is wrong.
     */
    static EncoderConfig from(final ConfigNode node, final Claims claims, final String use) {
        node.requireOnlyKeys("spi_bus", "chip_select", "counts_per_rev", "direction");
        final int bus = (int) node.integer("spi_bus", 0, 0, 1);
        final int chipSelect = (int) node.integer("chip_select", 0, 0, CE_PINS[bus].length - 1);
        final double countsPerRev = node.positiveNumber("counts_per_rev");
        final double direction = node.number("direction", 1.0);
        if (direction != 1.0 && direction != -1.0) {
            throw node.error("direction", "must be 1 or -1, was " + direction);
        }
        for (final int pin : BUS_PINS[bus]) {
            claims.pin(node, "spi_bus", pin, "SPI" + bus);
        }
        claims.pin(node, "chip_select", CE_PINS[bus][chipSelect], use);
        return new EncoderConfig(bus, chipSelect, countsPerRev, (int) direction);
    }

    /**
     * Opens the SPI device (mode 0, {@value Ls7366r#BAUD} Hz).
     *
     * @param context the Pi4J context.
     * @param id      the device's id in the context, unique there.
     * @return the device.
     * @throws RuntimeException Pi4J's, when {@code /dev/spidevB.C} cannot be opened.
     */
    Spi open(final Context context, final String id) {
        return context.create(Spi.newConfigBuilder(context).id(id).bus(spiBus).address(chipSelect)
            .mode(SpiMode.MODE_0).baud(Ls7366r.BAUD).build(), IOType.SPI);
    }

    @Override
    public String toString() {
        return "LS7366R on SPI bus " + spiBus + " chip select " + chipSelect + " (/dev/spidev" + spiBus + "."
            + chipSelect + ")";
    }
}
