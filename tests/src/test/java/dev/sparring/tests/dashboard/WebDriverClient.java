package dev.sparring.tests.dashboard;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium session through chromedriver, spoken to over the W3C WebDriver HTTP protocol with
 * {@code java.net.http}: the four calls these tests need (new session, navigate, execute script, delete session) do
 * not justify Selenium's client and its dozens of jars. Chromedriver listens on loopback only; the browser is kept
 * off the network by its flags and a fresh profile.
 */
final class WebDriverClient implements AutoCloseable {
    /** Chromium's flags: headless, as root, and without any background network traffic. */
    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1200,1600");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    /**
     * Starts chromedriver on a free loopback port and opens a browser session.
     *
     * @param chromedriver the chromedriver executable.
     * @param chromium     the browser executable.
     * @param profile      a fresh, empty directory for the browser's profile.
     * @param deadlineNs   when to give up waiting for chromedriver ({@link System#nanoTime()}).
     * @throws IOException when chromedriver does not start or refuses the session.
     */
    WebDriverClient(final Path chromedriver, final Path chromium, final Path profile, final long deadlineNs)
        throws IOException, InterruptedException {
        final int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
            .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        while (!call("GET", "/status", null).contains("\"ready\":true")) {
            if (System.nanoTime() - deadlineNs > 0 || !driver.isAlive()) {
                driver.destroy();
                throw new IOException("chromedriver did not become ready on " + base + " (see "
                    + profile.resolveSibling("chromedriver.log") + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        final StringBuilder args = new StringBuilder();
        for (final String flag : CHROMIUM_FLAGS) {
            args.append(json(flag)).append(',');
        }
        args.append(json("--user-data-dir=" + profile));
        final String created = call("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
            + "\"goog:chromeOptions\":{\"binary\":" + json(chromium.toString()) + ",\"args\":[" + args + "]}}}}");
        final Matcher id = SESSION_ID.matcher(created);
        if (!id.find()) {
            driver.destroy();
            throw new IOException("chromedriver refused the session: " + created);
        }
        session = "/session/" + id.group(1);
    }

    /**
     * @param url the page to load; returns once it has loaded.
     */
    void navigate(final String url) throws IOException, InterruptedException {
        call("POST", session + "/url", "{\"url\":" + json(url) + "}");
    }

    /**
     * Runs a script in the page that returns a string.
     *
     * @param script the function body, e.g. {@code return document.title;}.
     * @return what it returned.
     */
    String script(final String script) throws IOException, InterruptedException {
        final String response = call("POST", session + "/execute/sync", "{\"script\":" + json(script)
            + ",\"args\":[]}");
        return stringValue(response);
    }

    @Override
    public void close() throws IOException {
        try {
            call("DELETE", session, null);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.destroy();
        }
    }

    private String call(final String method, final String path, final String body)
        throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
            }
            return response.body();
        } catch (final java.net.ConnectException notYet) {
            if ("/status".equals(path)) {
                return "";
            }
            throw notYet;
        }
    }

    /** The string in a response's {@code "value"} member. */
    static String stringValue(final String response) throws IOException {
        final int start = response.indexOf("\"value\"");
        final int quote = start < 0 ? -1 : response.indexOf('"', response.indexOf(':', start) + 1);
        if (quote < 0 || !response.substring(response.indexOf(':', start) + 1, quote).isBlank()) {
            throw new IOException("the script returned no string: " + response);
        }
        final StringBuilder text = new StringBuilder();
        for (int i = quote + 1; i < response.length(); i++) {
            final char c = response.charAt(i);
            if (c == '"') {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            final char escaped = response.charAt(++i);
            switch (escaped) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'u' -> {
                    text.append((char) Integer.parseInt(response.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> text.append(escaped);
            }
        }
        throw new IOException("unterminated string in " + response);
    }

    private static String json(final String text) {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
