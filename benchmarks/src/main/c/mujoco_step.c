/*
 * The C side of MujocoStepBenchmark: the same workload (episodes of 1000 mj_step calls from mj_resetData, controls
 * left at zero) timed with CLOCK_MONOTONIC, so the Java binding's overhead per physics step can be read beside it.
 *   usage: mujoco_step <model.xml> [seconds per round, default 1] [rounds, default 10]
 * Prints one ns/step figure per round, after as many warm-up rounds, then their mean.
 */
#define _POSIX_C_SOURCE 199309L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <mujoco/mujoco.h>

#define EPISODE_STEPS 1000

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Runs whole episodes for at least `seconds`; returns ns per step. */
static double round_ns_per_step(const mjModel* m, mjData* d, double seconds) {
    long steps = 0;
    const double start = now_s();
    double elapsed = 0;
    while (elapsed < seconds) {
        mj_resetData(m, d);
        for (int i = 0; i < EPISODE_STEPS; i++) {
            mj_step(m, d);
        }
        steps += EPISODE_STEPS;
        elapsed = now_s() - start;
    }
    return elapsed * 1e9 / steps;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <model.xml> [seconds per round] [rounds]\n", argv[0]);
        return 2;
    }
    const double seconds = argc > 2 ? atof(argv[2]) : 1.0;
    const int rounds = argc > 3 ? atoi(argv[3]) : 10;
    char error[1000] = "";
    mjModel* m = mj_loadXML(argv[1], NULL, error, sizeof(error));
    if (!m) {
        fprintf(stderr, "cannot load %s: %s\n", argv[1], error);
        return 1;
    }
    mjData* d = mj_makeData(m);
    for (int i = 0; i < rounds; i++) {
        round_ns_per_step(m, d, seconds);
    }
    double sum = 0;
    for (int i = 0; i < rounds; i++) {
        const double ns = round_ns_per_step(m, d, seconds);
        printf("round %d: %.1f ns/step\n", i + 1, ns);
        sum += ns;
    }
    printf("C mj_step (MuJoCo %s, %s): %.1f ns/step, mean of %d rounds\n", mj_versionString(), argv[1],
           sum / rounds, rounds);
    mj_deleteData(d);
    mj_deleteModel(m);
    return 0;
}
