/**
 * The paper's own domain for Dynamic Co-Learning (Garant et al., AAMAS 2017): a distributed task-allocation network
 * of Q-learning agents on a grid, supervisors that share experience within windows of K time units, the baselines
 * (independent, everyone, random partners) and the relative-AUC study that compares them.
 */
package dev.sparring.trainer.colearn.taskalloc;
