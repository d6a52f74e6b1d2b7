package dev.sparring.controller.log;

/**
 * When the logger forces written records to the storage device. A process crash loses nothing committed under any
 * policy (the queue's pages belong to the OS); only synced records survive a power loss.
 */
public enum SyncPolicy {
    /** Never sync: the OS writes pages back on its own schedule (cheapest; power loss may lose seconds). */
    NONE,
    /** Sync every {@link ExperienceLogConfig#syncPeriodMs()} on the logger thread, never on the control thread. */
    PERIODIC,
    /** Sync after each episode-end record: a finished episode survives a power loss. */
    PER_EPISODE
}
