package dev.sparring.benchmarks;

/**
 * Entry point of {@code ./sparring bench [JMH options]}: runs JMH with the given options, e.g.
 * {@code ./sparring bench PolicyForward -prof gc}. The forks inherit this JVM's flags (the launcher's list).
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    /**
     * @param args JMH command-line options.
     * @throws Exception when JMH fails.
     */
    public static void main(final String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
