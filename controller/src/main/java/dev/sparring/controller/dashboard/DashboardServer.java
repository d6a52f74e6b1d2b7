package dev.sparring.controller.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's web server: {@code GET /} answers the page (one self-contained HTML resource, no outside assets),
 * {@code GET /events} a server-sent event stream of what the run publishes; everything else is 404, and any method
 * but GET 405. No file is ever served from disk, so there is no path to traverse.
 * <p>
 * Two kinds of events: {@link #append kept} ones (a metrics row) are replayed in order to every page that connects,
 * at most {@link #MAX_KEPT_EVENTS} of them (the oldest are dropped beyond that); {@link #latest latest} ones (the
 * control loop's state) replace the previous event of the same name, and a page gets only the newest. Each stream is
 * served by one thread of a fixed pool ({@link #MAX_STREAMS} streams at once, further ones are answered 503), which
 * waits for new events and sends a comment line every {@link #HEARTBEAT_MS} ms to find closed pages.
 * {@link #close()} sends every stream what is pending, ends it, and stops the server.
 * <p>
 * JDK's {@code com.sun.net.httpserver} is enough for two routes and a stream: no web framework, nothing to add to the
 * robot's runtime. Bound to a loopback address, the server also refuses a request whose {@code Host} is not a
 * loopback name (403): a web page elsewhere cannot reach it through DNS rebinding. There is no authentication: bind
 * another address only on a network you trust.
 */
public final class DashboardServer implements AutoCloseable {
    /** Event streams served at once. */
    public static final int MAX_STREAMS = 8;
    /** Kept events replayed to a page that connects; beyond that the oldest are dropped. */
    public static final int MAX_KEPT_EVENTS = 50_000;
    /** Interval of the comment line that keeps an idle stream alive. */
    public static final long HEARTBEAT_MS = 15_000;
    /** How long {@link #close()} waits for the streams to send what is pending. */
    public static final int CLOSE_GRACE_S = 2;

    private static final String PAGE_RESOURCE = "dashboard.html";
    private static final int PAGE_THREADS = 2;

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] page;
    private final boolean loopbackOnly;
    private final ArrayDeque<String> kept = new ArrayDeque<>();
    private final Map<String, Latest> latest = new LinkedHashMap<>();
    private long firstKeptIndex;
    private long version;
    private int streams;
    private boolean closing;

    private record Latest(String frame, long version) {
    }

    private DashboardServer(final HttpServer server, final ExecutorService executor, final byte[] page,
        final boolean loopbackOnly) {
        this.server = server;
        this.executor = executor;
        this.page = page;
        this.loopbackOnly = loopbackOnly;
    }

    /**
     * Starts a server on its own threads.
     *
     * @param address where to listen; port 0 picks a free port ({@link #address()} says which).
     * @param title   the page's title, e.g. the command and robot.
     * @return the running server.
     * @throws IOException naming the address when it cannot listen there (in use, not this machine's).
     */
    public static DashboardServer start(final InetSocketAddress address, final String title) throws IOException {
        final byte[] page = page(title);
        final HttpServer http;
        try {
            http = HttpServer.create(address, 0);
        } catch (final BindException e) {
            throw new IOException("cannot serve the dashboard at " + describe(address) + ": " + e.getMessage()
                + "; choose another address or port (port 0 picks a free one)", e);
        }
        final ExecutorService executor = Executors.newFixedThreadPool(MAX_STREAMS + PAGE_THREADS, runnable -> {
            final Thread thread = new Thread(runnable, "sparring-dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        final DashboardServer dashboard = new DashboardServer(http, executor, page,
            address.getAddress() != null && address.getAddress().isLoopbackAddress());
        http.createContext("/", dashboard::handle);
        http.setExecutor(executor);
        http.start();
        return dashboard;
    }

    /**
     * @return the address the server listens on, with the port it got.
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * @return the page's address, e.g. {@code http://127.0.0.1:8750/}.
     */
    public String url() {
        return "http://" + describe(address()) + "/";
    }

    /**
     * Publishes an event that every page receives, including pages that connect later (in order, after the earlier
     * kept events).
     *
     * @param event the event's name, e.g. {@code row}.
     * @param json  its data: one line of JSON.
     */
    public synchronized void append(final String event, final String json) {
        kept.addLast(frame(event, json));
        if (kept.size() > MAX_KEPT_EVENTS) {
            kept.removeFirst();
            firstKeptIndex++;
        }
        version++;
        notifyAll();
    }

    /**
     * Publishes an event that replaces the previous one of the same name: a page that connects gets only the newest.
     *
     * @param event the event's name, e.g. {@code loop}.
     * @param json  its data: one line of JSON.
     */
    public synchronized void latest(final String event, final String json) {
        version++;
        latest.put(event, new Latest(frame(event, json), version));
        notifyAll();
    }

    /**
     * Sends every open stream what is pending, ends the streams and stops listening, waiting at most
     * {@link #CLOSE_GRACE_S} seconds for slow pages.
     */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        server.stop(CLOSE_GRACE_S);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String path = exchange.getRequestURI().getPath();
            if (!"/".equals(path) && !"/events".equals(path)) {
                respond(exchange, 404, "not found: this server has only / and /events\n");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, "only GET\n");
            } else if (loopbackOnly && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                respond(exchange, 403, "the dashboard answers only requests addressed to a loopback host\n");
            } else if ("/".equals(path)) {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; "
                    + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            } else {
                stream(exchange);
            }
        }
    }

    private void stream(final HttpExchange exchange) throws IOException {
        synchronized (this) {
            if (streams >= MAX_STREAMS || closing) {
                respond(exchange, 503, closing ? "the run has ended\n"
                    : "already " + MAX_STREAMS + " pages open; close one\n");
                return;
            }
            streams++;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            final OutputStream out = exchange.getResponseBody();
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            send(out);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                streams--;
            }
        }
    }

    /** Sends kept events from the first, then whatever is published, until the server closes or the page goes. */
    private void send(final OutputStream out) throws IOException, InterruptedException {
        long nextKept = 0;
        long sentVersion = 0;
        boolean end = false;
        while (!end) {
            final List<String> frames = new ArrayList<>();
            synchronized (this) {
                final long heartbeatNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS);
                long waitNs;
                while (!closing && version == sentVersion && (waitNs = heartbeatNs - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, waitNs);
                }
                nextKept = Math.max(nextKept, firstKeptIndex);
                int index = 0;
                for (final String frame : kept) {
                    if (firstKeptIndex + index++ >= nextKept) {
                        frames.add(frame);
                    }
                }
                nextKept = firstKeptIndex + kept.size();
                for (final Latest event : latest.values()) {
                    if (event.version() > sentVersion) {
                        frames.add(event.frame());
                    }
                }
                sentVersion = version;
                end = closing;
            }
            if (frames.isEmpty() && !end) {
                frames.add(": still here\n\n");
            }
            for (final String frame : frames) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final String text) throws IOException {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static boolean loopbackHost(final String host) {
        if (host == null) {
            return false;
        }
        final String name;
        try {
            name = URI.create("http://" + host + "/").getHost();
        } catch (final IllegalArgumentException e) {
            return false;
        }
        if (name == null) {
            return false;
        }
        final String bare = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
        return "localhost".equalsIgnoreCase(bare) || bare.equals("::1") || bare.startsWith("127.")
            && bare.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static String frame(final String event, final String json) {
        if (event.indexOf('\n') >= 0 || json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event's name and data are one line each, was " + event);
        }
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    private static byte[] page(final String title) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + PAGE_RESOURCE + " is missing from the build");
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("{{title}}", htmlEscape(title)).getBytes(StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String htmlEscape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String describe(final InetSocketAddress address) {
        final InetAddress host = address.getAddress();
        final String name = host == null ? address.getHostString() : host.getHostAddress();
        return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + address.getPort();
    }
}
