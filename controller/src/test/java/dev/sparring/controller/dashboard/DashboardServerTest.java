package dev.sparring.controller.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private DashboardServer server;

    @BeforeEach
    void start() throws IOException {
        server = DashboardServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "test <run>");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldServeOneSelfContainedPageWithItsTitleEscaped() throws Exception {
        final HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        assertTrue(page.body().contains("<title>test &lt;run&gt; — Sparring dashboard</title>"), page.body());
        assertTrue(page.body().contains("new EventSource(\"events\")"));
        for (final String outside : List.of("src=", "<link", "@import", "https://", "url(")) {
            assertFalse(page.body().contains(outside), "the page must load nothing from elsewhere: " + outside);
        }
    }

    @Test
    void shouldAnswer404ForAnyOtherPathAnd405ForAnyOtherMethod() throws Exception {
        assertEquals(404, get("/index.html").statusCode());
        assertEquals(404, get("/events/../../etc/passwd").statusCode());
        assertEquals(404, get("/%2e%2e/etc/passwd").statusCode());
        final HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "events"))
            .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void shouldRefuseARequestAddressedToAnotherHostWhenBoundToLoopback() throws Exception {
        assertEquals("HTTP/1.1 403 Forbidden", statusLine("attacker.example"));
        assertEquals("HTTP/1.1 200 OK", statusLine("localhost:" + server.address().getPort()));
        assertEquals("HTTP/1.1 200 OK", statusLine("127.0.0.1:" + server.address().getPort()));
    }

    @Test
    void shouldReplayKeptEventsInOrderAndOnlyTheNewestLatestEventToALatePage() throws Exception {
        server.append("row", "{\"n\":1}");
        server.latest("loop", "{\"ticks\":1}");
        server.append("row", "{\"n\":2}");
        server.latest("loop", "{\"ticks\":2}");
        try (Stream<String> lines = stream()) {
            final Iterator<String> events = lines.iterator();
            assertEquals(List.of("event: row", "data: {\"n\":1}", "event: row", "data: {\"n\":2}", "event: loop",
                "data: {\"ticks\":2}"), next(events, 6));
            server.append("row", "{\"n\":3}");
            assertEquals(List.of("event: row", "data: {\"n\":3}"), next(events, 2));
            server.latest("loop", "{\"ticks\":3}");
            server.close();
            assertEquals(List.of("event: loop", "data: {\"ticks\":3}"), next(events, 2));
            assertEquals(List.of(), next(events, 1), "closing the server ends the stream after what was pending");
        }
    }

    @Test
    void shouldRefuseAStreamBeyondTheLimit() throws Exception {
        final List<Stream<String>> open = new ArrayList<>();
        try {
            for (int i = 0; i < DashboardServer.MAX_STREAMS; i++) {
                open.add(stream());
            }
            assertEquals(503, get("/events").statusCode());
            assertEquals(200, get("/").statusCode(), "the page is still served");
        } finally {
            open.forEach(Stream::close);
        }
    }

    @Test
    void shouldPublishAGrowingMetricsFileRowByRowAndNoHalfWrittenLine(@TempDir final Path run) throws Exception {
        final Path seed = Files.createDirectories(run.resolve("baseline/seed-0"));
        Files.writeString(seed.resolve("metrics.csv"), "iteration,global_step\n1,2048\n2,40");
        try (Stream<String> lines = stream()) {
            final Iterator<String> events = lines.iterator();
            final RunDirectoryFollower follower = new RunDirectoryFollower(server, run, "train");
            assertEquals(List.of("event: run", "data: {\"what\":\"train\",\"directory\":" + quoted(run.toString())
                + ",\"final\":false}"), next(events, 2));
            assertEquals(List.of("event: file",
                "data: {\"file\":\"baseline/seed-0/metrics.csv\",\"header\":[\"iteration\",\"global_step\"]}",
                "event: row", "data: {\"file\":\"baseline/seed-0/metrics.csv\",\"cells\":[\"1\",\"2048\"]}"),
                next(events, 4));
            Files.writeString(seed.resolve("metrics.csv"), "96\n", java.nio.file.StandardOpenOption.APPEND);
            assertEquals(List.of("event: row",
                "data: {\"file\":\"baseline/seed-0/metrics.csv\",\"cells\":[\"2\",\"4096\"]}"), next(events, 2));
            follower.close();
            assertEquals(List.of("event: run", "data: {\"what\":\"train\",\"directory\":" + quoted(run.toString())
                + ",\"final\":true}"), next(events, 2));
        }
    }

    /** The next n non-blank lines of a stream, skipping keep-alive comments. */
    private static List<String> next(final Iterator<String> lines, final int n) {
        final List<String> read = new ArrayList<>();
        while (read.size() < n && lines.hasNext()) {
            final String line = lines.next();
            if (!line.isEmpty() && !line.startsWith(":")) {
                read.add(line);
            }
        }
        return read;
    }

    private Stream<String> stream() throws IOException, InterruptedException {
        final HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(server.url()
            + "events")).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        return response.body();
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url().replaceAll("/$", "") + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private String statusLine(final String host) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            final OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }

    private static String quoted(final String text) {
        return JsonText.string(new StringBuilder(), text).toString();
    }
}
