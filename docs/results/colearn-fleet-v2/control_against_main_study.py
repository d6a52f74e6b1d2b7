#!/usr/bin/env python3
"""Relative AUC of a control run (independent learners with more PPO epochs) against a fleet study's own reference:
each seed's best final level over the study's methods, the study's `none` as the denominator (FleetStudy's
definition, RelativeAuc). Usage: control_against_main_study.py STUDY_DIR CONTROL_DIR (each with <method>/seed-<n>/)."""
import csv
import math
import statistics as st
import sys
from collections import defaultdict


def fleet_curve(path):
    per_window = defaultdict(list)
    for row in csv.DictReader(open(path)):
        per_window[int(row['window'])].append(float(row['recent_return']))
    return [st.mean(per_window[w]) for w in sorted(per_window)]


def final_level(curve):
    last = max(1, math.ceil(len(curve) * 10 / 100))
    return sum(curve[-last:]) / last


def main(study, control, methods=('none', 'all', 'random', 'oracle', 'colearn-S1', 'colearn-S4', 'colearn-S8')):
    control_rel, colearn_rel = [], []
    for seed in range(5):
        curves = {m: fleet_curve(f'{study}/{m}/seed-{seed}/metrics.csv') for m in methods}
        best = max(final_level(c) for c in curves.values())
        area = lambda c: sum(best - x for x in c)
        c = fleet_curve(f'{control}/none/seed-{seed}/metrics.csv')
        control_rel.append(area(c) / area(curves['none']))
        colearn_rel.append(area(curves['colearn-S1']) / area(curves['none']))
    print('control (none, more epochs): relative AUC %.3f ± %.3f' % (st.mean(control_rel), st.stdev(control_rel)))
    print('colearn S = 1:               relative AUC %.3f ± %.3f' % (st.mean(colearn_rel), st.stdev(colearn_rel)))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
