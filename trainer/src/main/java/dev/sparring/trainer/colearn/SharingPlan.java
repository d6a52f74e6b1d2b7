package dev.sparring.trainer.colearn;

/**
 * A window's sharing decision for a fleet of n robots: who is in which group and who receives whose tuples.
 *
 * @param features   the robots' context features, with the reports of the robots left out for want of data.
 * @param distance   n × n D_C between robots with features; NaN in the rows and columns of the others.
 * @param clustering the groups, −1 for a robot left out.
 * @param partners   n × n, {@code partners[a][b]} when a receives b's tuples of this window.
 */
public record SharingPlan(ContextFeatures features, double[][] distance, Clustering clustering,
                          boolean[][] partners) {
}
