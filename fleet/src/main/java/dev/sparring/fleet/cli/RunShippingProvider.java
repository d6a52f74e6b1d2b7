package dev.sparring.fleet.cli;

import dev.sparring.controller.shipping.LogShipping;
import dev.sparring.controller.shipping.LogShippingProvider;
import dev.sparring.controller.shipping.ShippingRequest;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.LogShipper;
import dev.sparring.fleet.LogShipperConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.aeron.CncFileDescriptor;
import org.agrona.concurrent.SystemNanoClock;

/**
 * {@code run --ship-to}'s shipper: a {@link LogShipper} on a thread of its own with its own media driver (embedded,
 * or {@code --aeron-dir}), registered in {@code META-INF/services} for the controller's {@link LogShippingProvider}.
 */
public final class RunShippingProvider implements LogShippingProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public RunShippingProvider() {
    }

    @Override
    public void check(final ShippingRequest request) {
        config(request);
    }

    @Override
    public LogShipping start(final ShippingRequest request, final Consumer<String> notices) throws IOException {
        final LogShipperConfig config = config(request);
        FleetAeron aeron = null;
        try {
            aeron = FleetAeron.connect(request.aeronDirectory(), "run");
            final LogShipper shipper = new LogShipper(config, aeron.aeron(), SystemNanoClock.INSTANCE, notices);
            return new ShipperThread(shipper, aeron, "'" + config.robotName() + "' to " + request.receiver());
        } catch (final RuntimeException e) {
            if (aeron != null) {
                aeron.close();
            }
            throw new IOException("cannot start shipping " + request.logDirectory() + " to " + request.receiver()
                + ": " + e.getMessage(), e);
        }
    }

    /** The shipper's settings, as {@code fleet ship} builds them; every problem names its option. */
    private static LogShipperConfig config(final ShippingRequest request) {
        if (request.aeronDirectory() != null
            && !Files.exists(Path.of(request.aeronDirectory()).resolve(CncFileDescriptor.CNC_FILE))) {
            throw new IllegalArgumentException("--aeron-dir " + request.aeronDirectory() + " holds no running media "
                + "driver (no " + CncFileDescriptor.CNC_FILE + "): start one there, or leave --aeron-dir out to embed "
                + "one");
        }
        final Endpoint receiver = Endpoint.parse("--ship-to", request.receiver());
        if (receiver.port() == 0) {
            throw new IllegalArgumentException("--ship-to needs the receiver's port (1 to 65535), was '"
                + request.receiver() + "'");
        }
        final Endpoint replyTo;
        try {
            replyTo = request.replyTo() != null ? Endpoint.parse("--ship-reply", request.replyTo())
                : new Endpoint(receiver.localAddressTowards(), 0);
        } catch (final UncheckedIOException e) {
            throw new IllegalArgumentException("--ship-to " + request.receiver() + ": " + e.getCause().getMessage()
                + " (give a host name this robot resolves, or an address)", e);
        }
        final String name = request.robotName() != null ? request.robotName()
            : String.valueOf(request.logDirectory().getFileName());
        try {
            return LogShipperConfig.of(name, request.logDirectory(),
                receiver.udpChannel() + "|term-length=" + LogShipperConfig.DEFAULT_TERM_LENGTH, replyTo.udpChannel());
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + (request.robotName() == null
                ? " (taken from the --log directory's name; give one with --robot-name NAME)" : ""), e);
        }
    }
}
