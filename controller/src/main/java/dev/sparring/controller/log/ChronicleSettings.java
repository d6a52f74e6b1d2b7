package dev.sparring.controller.log;

/**
 * Process-wide Chronicle settings every entry point applies before its first Chronicle use: a robot never phones
 * home, so Chronicle's usage analytics stay off even when the JVM was started without the flag in jvm.properties.
 */
public final class ChronicleSettings {
    /** The system property Chronicle reads before sending usage analytics. */
    public static final String ANALYTICS_DISABLE_PROPERTY = "chronicle.analytics.disable";

    private ChronicleSettings() {
    }

    /**
     * Switches Chronicle's usage analytics off for this JVM; idempotent.
     */
    public static void disableAnalytics() {
        System.setProperty(ANALYTICS_DISABLE_PROPERTY, "true");
    }
}
