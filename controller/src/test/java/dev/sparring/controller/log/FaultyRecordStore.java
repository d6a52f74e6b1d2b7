package dev.sparring.controller.log;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A record store that breaks on purpose: while {@link #failing} is set, appends and syncs throw as a full disk would.
 */
final class FaultyRecordStore implements RecordStore {
    private final RecordStore delegate;
    boolean failing;
    int syncs;

    FaultyRecordStore(final RecordStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void open() {
        delegate.open();
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length) {
        if (failing) {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }
        delegate.append(buffer, offset, length);
    }

    @Override
    public long unshippedRecordsDeleted() {
        return delegate.unshippedRecordsDeleted();
    }

    @Override
    public void sync() {
        if (failing) {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }
        syncs++;
        delegate.sync();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
