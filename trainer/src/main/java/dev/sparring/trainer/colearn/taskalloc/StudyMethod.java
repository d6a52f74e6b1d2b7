package dev.sparring.trainer.colearn.taskalloc;

/**
 * One compared method of the study: a sharing rule with a number of supervisors (independent learners have none).
 *
 * @param sharing     the sharing rule.
 * @param supervisors {@code S}; 0 for {@link Sharing#NONE}.
 */
public record StudyMethod(Sharing sharing, int supervisors) {
    /** Independent learners, the baseline. */
    public static final StudyMethod INDEPENDENT = new StudyMethod(Sharing.NONE, 0);

    /**
     * @return the name in files and tables: {@code independent}, or e.g. {@code colearn-S4}.
     */
    public String label() {
        return sharing == Sharing.NONE ? sharing.label() : sharing.label() + "-S" + supervisors;
    }

    /**
     * @param label a {@link #label()}.
     * @return the method.
     */
    public static StudyMethod parse(final String label) {
        if (label.equals(Sharing.NONE.label())) {
            return INDEPENDENT;
        }
        final int dash = label.lastIndexOf("-S");
        if (dash < 0) {
            throw new IllegalArgumentException("not a study method: '" + label + "'");
        }
        return new StudyMethod(Sharing.parse(label.substring(0, dash)), Integer.parseInt(label.substring(dash + 2)));
    }
}
