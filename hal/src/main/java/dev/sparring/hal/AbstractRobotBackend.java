package dev.sparring.hal;

/**
 * The part of a {@link RobotBackend} every backend shares: its name and whether it is simulated, fixed at
 * construction.
 * <p>
 * <b>A new backend</b> (e.g. {@code mujoco} in its own module under {@code hal/}) provides:
 * <ul>
 *   <li>a public no-argument constructor calling {@code super(NAME, simulated)}, {@code NAME} being the
 *       description's {@code backend} value and the name of its own section;</li>
 *   <li>{@link #create}: read and validate {@code description.section(NAME)} once, with errors that name the field,
 *       and return an UNCONFIGURED system, usually an {@link AbstractRobotSystem} (which asks for the safe state,
 *       read and write);</li>
 *   <li>a line with its class name in {@code META-INF/services/dev.sparring.hal.RobotBackend}, so
 *       {@link RobotBackends#find(String)} finds it when its jar is on the class path.</li>
 * </ul>
 */
public abstract class AbstractRobotBackend implements RobotBackend {
    private final String name;
    private final boolean simulated;

    /**
     * @param name      the name a description's {@code backend} field uses, and the name of the backend's section.
     * @param simulated whether systems of this backend are simulated.
     */
    protected AbstractRobotBackend(final String name, final boolean simulated) {
        this.name = name;
        this.simulated = simulated;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isSimulated() {
        return simulated;
    }
}
