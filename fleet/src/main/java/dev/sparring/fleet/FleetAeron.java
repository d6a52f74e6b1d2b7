package dev.sparring.fleet;

import java.nio.file.Path;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;

/**
 * The Aeron client a fleet command uses, with the media driver it needs: an embedded one (its directory created and
 * deleted by it, one shared thread, 64 KiB default terms: the channels say what they need), or an external one
 * already running in a given directory.
 */
public final class FleetAeron implements AutoCloseable {
    private final MediaDriver driver;
    private final Aeron aeron;

    private FleetAeron(final MediaDriver driver, final Aeron aeron) {
        this.driver = driver;
        this.aeron = aeron;
    }

    /**
     * @param context the embedded driver's context; its directory is created on start and deleted on close.
     * @return a client of a newly started embedded driver.
     */
    public static FleetAeron embedded(final MediaDriver.Context context) {
        final MediaDriver driver = MediaDriver.launchEmbedded(context
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        try {
            return new FleetAeron(driver, Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())));
        } catch (final RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    /**
     * @param directory the embedded driver's directory.
     * @return the context {@link #embedded} is given by the commands: one shared thread, 64 KiB default terms.
     */
    public static MediaDriver.Context driverContext(final Path directory) {
        return new MediaDriver.Context()
            .aeronDirectoryName(directory.toString())
            .threadingMode(ThreadingMode.SHARED)
            .publicationTermBufferLength(1 << 16)
            .ipcTermBufferLength(1 << 16);
    }

    /**
     * @param role the command, e.g. {@code ship}.
     * @return a directory for this process's own embedded media driver, next to Aeron's default one (under
     *         {@code /dev/shm} on Linux).
     */
    public static Path embeddedDirectory(final String role) {
        return Path.of(CommonContext.getAeronDirectoryName() + "-sparring-" + role + "-"
            + ProcessHandle.current().pid());
    }

    /**
     * @param aeronDirectory the directory of a running media driver, or null to embed one.
     * @param role           the command, naming an embedded driver's directory ({@link #embeddedDirectory}).
     * @return a client of the running driver, or of a newly embedded one.
     */
    public static FleetAeron connect(final String aeronDirectory, final String role) {
        return aeronDirectory != null ? external(aeronDirectory) : embedded(driverContext(embeddedDirectory(role)));
    }

    /**
     * @param aeronDirectory the directory of a running media driver.
     * @return a client of it.
     */
    public static FleetAeron external(final String aeronDirectory) {
        return new FleetAeron(null, Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)));
    }

    /**
     * @return the client.
     */
    public Aeron aeron() {
        return aeron;
    }

    @Override
    public void close() {
        CloseHelper.closeAll(aeron, driver);
    }
}
