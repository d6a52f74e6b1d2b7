package dev.sparring.fleet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A {@code HOST:PORT} option value, checked once, and the Aeron channels and directories the commands build from it.
 *
 * @param host the host name or address.
 * @param port the UDP port, 0 to 65535 (0: any free port, for a listening side).
 */
public record Endpoint(String host, int port) {
    /**
     * @param spec   the command, for the error.
     * @param option the option's name.
     * @param value  its value.
     * @return the endpoint.
     * @throws ParameterException naming the option and the value when it is not HOST:PORT.
     */
    public static Endpoint parse(final CommandSpec spec, final String option, final String value) {
        try {
            return parse(option, value);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * @param option the option's name.
     * @param value  its value.
     * @return the endpoint.
     * @throws IllegalArgumentException naming the option and the value when it is not HOST:PORT.
     */
    public static Endpoint parse(final String option, final String value) {
        final int colon = value.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (final NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be HOST:PORT with a UDP port in [0, 65535], e.g. "
                + "192.168.1.20:40123, was '" + value + "'");
        }
        return new Endpoint(value.substring(0, colon), port);
    }

    /**
     * @return {@code aeron:udp?endpoint=HOST:PORT}.
     */
    public String udpChannel() {
        return "aeron:udp?endpoint=" + host + ":" + port;
    }

    /**
     * @return the local address this host sends from to reach the endpoint (where a reply can find it).
     * @throws UncheckedIOException when the host cannot be resolved or no route leads to it.
     */
    public String localAddressTowards() {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port));
            return socket.getLocalAddress().getHostAddress();
        } catch (final UnknownHostException e) {
            throw new UncheckedIOException(new IOException("unknown host '" + host + "'", e));
        } catch (final IOException e) {
            throw new UncheckedIOException(new IOException("no route to " + host + ":" + port, e));
        }
    }
}
