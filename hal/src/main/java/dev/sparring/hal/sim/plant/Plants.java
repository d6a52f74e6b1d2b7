package dev.sparring.hal.sim.plant;

import java.util.List;

/**
 * Creates plants by the name a description's {@code sim.plant} field uses.
 */
public final class Plants {
    /** Every plant name, in documentation order. */
    public static final List<String> KINDS = List.of(PendulumPlant.KIND, CartPolePlant.KIND, TwoLinkArmPlant.KIND,
        InvertedPendulumPlant.KIND);

    private Plants() {
    }

    /**
     * @param kind a plant name from {@link #KINDS}.
     * @return a new plant with its default parameters, at rest in its zero state.
     * @throws IllegalArgumentException listing the plant names when {@code kind} is none of them.
     */
    public static RigidBodyPlant create(final String kind) {
        return switch (kind) {
            case PendulumPlant.KIND -> new PendulumPlant();
            case CartPolePlant.KIND -> new CartPolePlant();
            case TwoLinkArmPlant.KIND -> new TwoLinkArmPlant();
            case InvertedPendulumPlant.KIND -> new InvertedPendulumPlant();
            default -> throw new IllegalArgumentException("no plant named '" + kind + "'; expected one of " + KINDS);
        };
    }
}
