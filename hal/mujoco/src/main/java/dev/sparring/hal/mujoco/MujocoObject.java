package dev.sparring.hal.mujoco;

/**
 * Kinds of named MuJoCo objects a name can be looked up in ({@code mjtObj}); their numeric values come from the
 * installed headers through {@link MujocoLayout}.
 */
public enum MujocoObject {
    /** A body ({@code mjOBJ_BODY}). */
    BODY("mjOBJ_BODY", "body"),
    /** A joint ({@code mjOBJ_JOINT}). */
    JOINT("mjOBJ_JOINT", "joint"),
    /** A geom ({@code mjOBJ_GEOM}). */
    GEOM("mjOBJ_GEOM", "geom"),
    /** A site ({@code mjOBJ_SITE}). */
    SITE("mjOBJ_SITE", "site"),
    /** An actuator ({@code mjOBJ_ACTUATOR}). */
    ACTUATOR("mjOBJ_ACTUATOR", "actuator"),
    /** A sensor ({@code mjOBJ_SENSOR}). */
    SENSOR("mjOBJ_SENSOR", "sensor");

    private final String cName;
    private final String noun;

    MujocoObject(final String cName, final String noun) {
        this.cName = cName;
        this.noun = noun;
    }

    String cName() {
        return cName;
    }

    /**
     * @return the MJCF element's name, e.g. {@code "body"}, for messages.
     */
    public String noun() {
        return noun;
    }
}
