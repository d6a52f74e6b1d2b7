/**
 * Small dense linear-algebra routines over flat row-major arrays, shared by the plants (mass-matrix solves) and the
 * trainer (regressions, Gaussian divergences), so the project has one Cholesky factorisation.
 */
package dev.sparring.hal.linalg;
