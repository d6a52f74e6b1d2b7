package dev.sparring.controller.cli;

import dev.sparring.controller.dashboard.DashboardServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --dashboard [HOST:]PORT} option of {@code run}, {@code train} and {@code fleet train}: serve a live web
 * page of the run ({@link DashboardServer}) while it runs.
 */
public final class DashboardOptions {
    /** The host the dashboard binds when the option names none: loopback, so only this computer sees it. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Pattern ADDRESS = Pattern.compile("(?:(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+):)?([0-9]{1,5})");

    @Option(names = "--dashboard", paramLabel = "[<host>:]<port>", description = "Serve a live web page of the run at "
        + "http://<host>:<port>/ while it runs (server-sent events, no outside assets). The host defaults to "
        + DEFAULT_HOST + ": only this computer can open it; the page has no authentication, so bind another address "
        + "only on a network you trust. Port 0 picks a free one (the address is printed).")
    private String address;

    /**
     * @param spec the command, for errors.
     * @return the address to serve the dashboard at, or null without {@code --dashboard}.
     * @throws ParameterException when the address is malformed or its host unknown.
     */
    public InetSocketAddress address(final CommandSpec spec) {
        try {
            return address == null ? null : parse(address);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--dashboard: " + e.getMessage());
        }
    }

    /**
     * Starts a dashboard and prints its address.
     *
     * @param address where to listen.
     * @param title   the page's title.
     * @param out     where the address is printed.
     * @return the running server.
     * @throws IOException naming the address when the server cannot listen there.
     */
    public static DashboardServer serve(final InetSocketAddress address, final String title, final PrintWriter out)
        throws IOException {
        final DashboardServer server = DashboardServer.start(address, title);
        out.println("dashboard        " + server.url() + (address.getAddress().isLoopbackAddress()
            ? " (this computer only)" : " (reachable from the network, without authentication)"));
        out.flush();
        return server;
    }

    /**
     * @param text {@code PORT} (on {@value #DEFAULT_HOST}) or {@code HOST:PORT}, IPv6 hosts in brackets.
     * @return the address to bind.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static InetSocketAddress parse(final String text) {
        final Matcher matcher = ADDRESS.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected [HOST:]PORT, e.g. 8750 or 127.0.0.1:8750 or [::1]:8750, was '"
                + text + "'");
        }
        final int port = Integer.parseInt(matcher.group(2));
        if (port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port + " in '" + text + "'");
        }
        final String host = matcher.group(1) == null ? DEFAULT_HOST : matcher.group(1).replace("[", "").replace("]", "");
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (final UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "' in '" + text + "'", e);
        }
    }
}
