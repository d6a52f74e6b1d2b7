/**
 * Dynamic Co-Learning's mathematics (Garant, da Silva, Lesser and Zhang, AAMAS 2017): context features of a robot's
 * transition window, distances between them, estimated model divergence (the paper's Algorithm 1), sharing groups and
 * partners (its Algorithm 2) and the importance weights of shared experience; pure functions over plain arrays.
 */
package dev.sparring.trainer.colearn;
