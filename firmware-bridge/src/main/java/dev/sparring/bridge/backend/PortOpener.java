package dev.sparring.bridge.backend;

import dev.sparring.bridge.serial.SerialPort;
import dev.sparring.bridge.serial.SerialPortException;

import java.util.function.Consumer;

/**
 * Opens the serial port of a {@link BridgeRobotSystem}, at its first configure and again after the port was lost.
 */
@FunctionalInterface
public interface PortOpener {

    /**
     * @param warnings receives what the person running the robot should know but that does not stop it (a USB-serial
     *                 adapter's latency timer above 1 ms).
     * @return the open port.
     * @throws SerialPortException saying why the port cannot be opened (missing, busy, not permitted, not a tty).
     */
    SerialPort open(Consumer<String> warnings);

    /**
     * @param port a port the caller holds open (a pseudo-terminal's master); the system closes it at shutdown.
     * @return an opener that hands out that port.
     */
    static PortOpener of(final SerialPort port) {
        return warnings -> port;
    }
}
