package dev.sparring.controller.log;

/**
 * Receives records from an {@link ExperienceLogReader}. The flyweight is reused: valid only during the call.
 */
@FunctionalInterface
public interface ExperienceRecordHandler {
    /**
     * @param record the record, wrapped over the reader's buffer.
     */
    void onRecord(ExperienceRecordFlyweight record);
}
