package dev.sparring.trainer.colearn;

/**
 * A partition of robots into sharing groups. Groups are numbered in the order of their first robot (robot 0 is in
 * group 0, the first robot outside it in group 1, …), so equal partitions have equal arrays.
 *
 * @param groupOf    each robot's group, in 0..groups−1 (or −1 for a robot left out of this window).
 * @param groups     the number of groups k.
 * @param silhouette the mean silhouette width of the partition (Rousseeuw 1987), in [−1, 1]; 0 when k = 1.
 */
public record Clustering(int[] groupOf, int groups, double silhouette) {
}
