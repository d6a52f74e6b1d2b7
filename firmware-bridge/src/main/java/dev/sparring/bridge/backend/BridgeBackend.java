package dev.sparring.bridge.backend;

import dev.sparring.bridge.serial.SerialPort;
import dev.sparring.hal.AbstractRobotBackend;
import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.config.RobotDescription;

import org.agrona.concurrent.SystemNanoClock;

/**
 * The {@code bridge} backend: joints behind microcontroller firmware on a serial link ({@link BridgeRobotSystem},
 * section {@link BridgeConfig}). Found through {@link java.util.ServiceLoader} when this module is on the class path.
 */
public final class BridgeBackend extends AbstractRobotBackend {
    /** The backend's name, and the name of its section in a description. */
    public static final String NAME = BridgeConfig.SECTION;

    /** Creates the backend; called by {@link java.util.ServiceLoader}. */
    public BridgeBackend() {
        super(NAME, false);
    }

    @Override
    public BridgeRobotSystem create(final RobotDescription description) {
        final BridgeConfig config = BridgeConfig.from(description);
        return new BridgeRobotSystem(description.spec(), config,
            opener(config), SystemNanoClock.INSTANCE);
    }

    /** Says HELLO and asks for one STATE through {@link BridgeProbe}; configures and commands nothing. */
    @Override
    public ProbeReport probe(final RobotDescription description) {
        final BridgeConfig config = BridgeConfig.from(description);
        return BridgeProbe.probe(description.spec(), config, opener(config), SystemNanoClock.INSTANCE);
    }

    private static PortOpener opener(final BridgeConfig config) {
        return warnings -> SerialPort.open(config.port(), config.baud(), warnings);
    }
}
