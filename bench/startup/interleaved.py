#!/usr/bin/env python3
"""Runs commands in turn (A, B, C, A, B, C, ...) so that a machine load that changes over the run hits every
command alike; hyperfine runs all of one command before the next. Prints each command's median wall time
and mean CPU time (user + system, from wait4), both also as a ratio to the first command.

    bench/startup/interleaved.py RUNS 'NAME<TAB>COMMAND' ...    (the first two rounds are warm-up)
"""
import os
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
commands = [arg.split("\t", 1) for arg in sys.argv[2:]]
wall = {name: [] for name, _ in commands}
cpu = {name: [] for name, _ in commands}
for round_ in range(runs + 2):
    for name, command in commands:
        start = time.perf_counter()
        p = subprocess.Popen(command.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(p.pid, 0)
        p.returncode = 0
        if round_ >= 2:
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(usage.ru_utime + usage.ru_stime)
first = commands[0][0]
base_wall, base_cpu = statistics.median(wall[first]), statistics.mean(cpu[first])
print(f"  {'':34s} {'median wall':>11s} {'ratio':>6s} {'mean CPU':>9s} {'ratio':>6s}")
for name, _ in commands:
    w, c = statistics.median(wall[name]), statistics.mean(cpu[name])
    print(f"  {name:34s} {w * 1000:8.0f} ms {w / base_wall:5.1f}x {c * 1000:6.0f} ms {c / base_cpu:5.1f}x")
