#!/usr/bin/env python3
"""Whole-process start-up, measured fairly: the commands take turns, one run each per round,
so a machine that slows down or speeds up mid-measurement affects all of them alike (hyperfine
runs one command's batch after another's). Prints each command's median and quartiles.

usage: benches/cli_race.py [ROUNDS] -- NAME=COMMAND... [NAME=COMMAND...]
  e.g. benches/cli_race.py 500 -- \
         "sfauth=target/release/sfauth inspect --key pub.pem $(cat token.jwt)" \
         "jwt-cli=jwt decode --secret @pub.pem --alg RS256 $(cat token.jwt)"
"""

import os
import shlex
import statistics
import sys
import time

WARMUP_ROUNDS = 20


def parse(argv):
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    rounds = int(argv[1]) if split > 1 else 500
    commands = {}
    for spec in argv[split + 1 :]:
        name, _, command = spec.partition("=")
        if not command:
            sys.exit(f"not NAME=COMMAND: {spec!r}")
        commands[name] = shlex.split(command)
    if not commands:
        sys.exit(__doc__)
    return rounds, commands


def run_once(argv, actions):
    started = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed_ms = (time.perf_counter_ns() - started) / 1e6
    return elapsed_ms, os.waitstatus_to_exitcode(status)


def main():
    rounds, commands = parse(sys.argv)
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    times = {name: [] for name in commands}
    exit_codes = {}
    for round_number in range(rounds + WARMUP_ROUNDS):
        for name, argv in commands.items():
            elapsed, code = run_once(argv, quiet)
            exit_codes.setdefault(name, code)
            if round_number >= WARMUP_ROUNDS:
                times[name].append(elapsed)
    width = max(len(name) for name in commands)
    for name, samples in times.items():
        samples.sort()
        quarter = len(samples) // 4
        print(
            f"{name:{width}}  median {statistics.median(samples):.2f} ms"
            f"  (p25 {samples[quarter]:.2f}, p75 {samples[3 * quarter]:.2f}),"
            f" exit {exit_codes[name]}"
        )


if __name__ == "__main__":
    main()
