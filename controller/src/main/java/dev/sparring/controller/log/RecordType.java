package dev.sparring.controller.log;

/** Kind of an experience record, stored as one byte. */
public enum RecordType {
    /** One control tick: observation, action, reward. */
    STEP(1),
    /** An episode begins; the record carries the episode id and the start time. */
    EPISODE_START(2),
    /** An episode ends; the record's flags say terminal or truncated. */
    EPISODE_END(3),
    /** Records were dropped before this one (ring full or log write failure); step index holds how many. */
    GAP(4);

    private final int code;

    RecordType(final int code) {
        this.code = code;
    }

    /**
     * @return the stored code.
     */
    public int code() {
        return code;
    }

    /**
     * @param code a stored code.
     * @return the type, or null when unknown.
     */
    public static RecordType ofCode(final int code) {
        return switch (code) {
            case 1 -> STEP;
            case 2 -> EPISODE_START;
            case 3 -> EPISODE_END;
            case 4 -> GAP;
            default -> null;
        };
    }
}
