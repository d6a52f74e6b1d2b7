package dev.sparring.hal.mujoco;

/**
 * What a {@link MujocoData#step(int)} or {@link MujocoData#forward()} came to: an expected outcome, returned rather
 * than thrown, so a simulation that goes unstable ends its episode as a flagged failure.
 */
public enum StepResult {
    /** Every step ran without a warning. */
    OK,
    /**
     * A step raised a MuJoCo warning ({@link MujocoData#lastMessage()} says which); the remaining steps were not run.
     * For a bad qpos, qvel or qacc MuJoCo has reset the state to the model's default: end the episode.
     */
    WARNING,
    /**
     * MuJoCo raised an error ({@link MujocoData#lastMessage()} has its text); the data was reset with
     * {@code mj_resetData}. End the episode.
     */
    ERROR;

    private static final StepResult[] BY_CODE = values();

    /**
     * @param code a status code of the native guard: 0, 1 or 2 in declaration order.
     * @return its result.
     */
    static StepResult ofCode(final int code) {
        return BY_CODE[code];
    }
}
