package dev.sparring.controller.log;

import org.agrona.DirectBuffer;

/**
 * Where the logger agent puts records: one excerpt per record. A failed append throws and leaves nothing behind.
 */
interface RecordStore extends AutoCloseable {
    /**
     * Prepares writing on the calling thread (the logger's).
     */
    void open();

    /**
     * Appends one record as one excerpt, or throws with nothing appended.
     *
     * @param buffer the record's buffer.
     * @param offset the record's first byte.
     * @param length the record's length, a multiple of 4.
     */
    void append(DirectBuffer buffer, int offset, int length);

    /**
     * Forces appended records to the storage device.
     */
    void sync();

    /**
     * @return records retention deleted before the fleet receiver acknowledged them (see {@link ShippedAckFile}).
     */
    long unshippedRecordsDeleted();

    @Override
    void close();
}
