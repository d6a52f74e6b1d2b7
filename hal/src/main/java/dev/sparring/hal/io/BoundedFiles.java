package dev.sparring.hal.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files whose size the reader does not control (descriptions, policies, checkpoints, a run's text files) with
 * a limit counted while reading, not taken from {@code Files.size}: a pipe, {@code /dev/zero} or a file that grows
 * is refused once it passes the limit, after at most the limit plus one buffer of work. Every failure names the file.
 */
public final class BoundedFiles {
    private BoundedFiles() {
    }

    /**
     * Opens a file for reading at most {@code maxBytes}; reading past the limit fails with a
     * {@link FileSystemException} naming the file, what it was read as and the limit.
     *
     * @param file     the file.
     * @param maxBytes the most it may hold.
     * @param what     what the file is read as, for messages ({@code "policy file"}).
     * @return the stream; the caller closes it.
     * @throws IOException naming the file when it is a directory, missing or unreadable.
     */
    public static InputStream open(final Path file, final long maxBytes, final String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; give a " + what);
        }
        try {
            return new Limited(Files.newInputStream(file), file, maxBytes, what);
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    /**
     * @param file     the file.
     * @param maxBytes the most it may hold.
     * @param what     what the file is read as, for messages.
     * @return its bytes.
     * @throws IOException naming the file when it cannot be read or holds more than {@code maxBytes}.
     */
    public static byte[] readBytes(final Path file, final long maxBytes, final String what) throws IOException {
        try (InputStream in = open(file, maxBytes, what)) {
            return in.readAllBytes();
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    /**
     * @param file     a UTF-8 text file.
     * @param maxBytes the most it may hold.
     * @param what     what the file is read as, for messages.
     * @return its text.
     * @throws IOException naming the file when it cannot be read, holds more than {@code maxBytes}, or is not valid
     *                     UTF-8 (with the offset of the first bad byte).
     */
    public static String readUtf8(final Path file, final long maxBytes, final String what) throws IOException {
        return decodeUtf8(file, readBytes(file, maxBytes, what), what);
    }

    /** Decodes strictly, naming the file and the offset of the first byte that is not UTF-8. */
    private static String decodeUtf8(final Path file, final byte[] bytes, final String what)
        throws FileSystemException {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        final CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            final FileSystemException failure = new FileSystemException(file.toString(), null, "is not valid UTF-8 "
                + "text: byte " + in.position() + " starts an invalid sequence; is it a " + what + "?");
            try {
                result.throwException();
            } catch (final CharacterCodingException e) {
                failure.initCause(e);
            }
            throw failure;
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** A size for people: {@code "1 MiB"}, {@code "1500 bytes"}. */
    private static String size(final long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB"
            : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? bytes / (1 << 10) + " KiB" : bytes + " bytes";
    }

    /** A stream that fails, naming its file, once more than its limit has been read. */
    private static final class Limited extends FilterInputStream {
        private final Path file;
        private final long maxBytes;
        private final String what;
        private long count;

        Limited(final InputStream in, final Path file, final long maxBytes, final String what) {
            super(in);
            this.file = file;
            this.maxBytes = maxBytes;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            final int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, maxBytes - count + 1)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException {
            final long skipped = super.skip(Math.min(n, maxBytes - count + 1));
            count(skipped);
            return skipped;
        }

        private void count(final long bytes) throws FileSystemException {
            count += bytes;
            if (count > maxBytes) {
                throw new FileSystemException(file.toString(), null, "holds more than " + size(maxBytes)
                    + ", the most a " + what + " may take; is it a " + what + "?");
            }
        }
    }
}
