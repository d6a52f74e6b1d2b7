package dev.sparring.hal.sim.plant;

import java.util.Arrays;

/**
 * Name-to-index resolution for a plant's joints, bodies, channels and parameters, done once at set-up time.
 */
final class Names {
    private Names() {
    }

    /**
     * @param kind  the plant's name, for the message.
     * @param names the names, in index order.
     * @param name  the name looked up.
     * @param what  what is named ({@code joint}, {@code body}, ...), for the message.
     * @return the index of {@code name}.
     * @throws IllegalArgumentException listing {@code names} when there is none of that name.
     */
    static int indexOf(final String kind, final String[] names, final String name, final String what) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("plant " + kind + " has no " + what + " named '" + name + "'; it has "
            + Arrays.toString(names));
    }
}
