package dev.sparring.controller.shipping;

import java.io.IOException;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Ships a robot's experience log while {@code run} controls the robot: a {@link ServiceLoader} plug-in (the fleet
 * module registers one in {@code META-INF/services}), so the controller carries no transport of its own.
 */
public interface LogShippingProvider {
    /**
     * @return the provider on the class path, if there is one.
     */
    static Optional<LogShippingProvider> find() {
        return ServiceLoader.load(LogShippingProvider.class).findFirst();
    }

    /**
     * Checks a request before the robot is activated, without starting anything.
     *
     * @param request what to ship and where.
     * @throws IllegalArgumentException naming the option and the value that is wrong.
     */
    void check(ShippingRequest request);

    /**
     * Starts shipping on a thread of its own (never the caller's); the log must exist.
     *
     * @param request what to ship and where ({@link #check checked}).
     * @param notices receives each state change and problem as one line, on the shipper's thread.
     * @return the running shipper.
     * @throws IOException when the transport cannot start.
     */
    LogShipping start(ShippingRequest request, Consumer<String> notices) throws IOException;
}
