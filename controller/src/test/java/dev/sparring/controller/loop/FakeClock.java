package dev.sparring.controller.loop;

import org.agrona.concurrent.NanoClock;

/** A clock that only moves when the test moves it. */
final class FakeClock implements NanoClock {
    private long nowNs;

    FakeClock(final long startNs) {
        nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    void advance(final long durationNs) {
        nowNs += durationNs;
    }

    void set(final long timeNs) {
        nowNs = timeNs;
    }
}
