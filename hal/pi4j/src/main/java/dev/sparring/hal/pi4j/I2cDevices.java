package dev.sparring.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.i2c.I2C;

import java.util.Locale;

/** Opens the I2C devices of a pi4j robot (the PCA9685, the IMU, the probe's scan) the one way Pi4J 3.0.3 wants. */
final class I2cDevices {
    private I2cDevices() {
    }

    /**
     * @param context the Pi4J context.
     * @param id      the device's id in the context, unique there.
     * @param bus     the I2C bus number.
     * @param address the 7-bit address.
     * @return the device.
     * @throws RuntimeException Pi4J's, when the bus cannot be opened.
     */
    static I2C open(final Context context, final String id, final int bus, final int address) {
        return context.create(I2C.newConfigBuilder(context).id(id).bus(bus).device(address).build(), IOType.I2C);
    }

    /**
     * @param bus     the I2C bus number.
     * @param address the 7-bit address.
     * @return where a device is, in messages: {@code I2C bus 1 address 0x40}.
     */
    static String where(final int bus, final int address) {
        return String.format(Locale.ROOT, "I2C bus %d address 0x%02X", bus, address);
    }
}
