#!/usr/bin/env python3
"""Compares two iamconf binaries step by step, interleaved (old, new, old, new, ...).

On a shared or virtual machine the timings drift over minutes, so two sequential bench.py runs can
differ by more than the change being measured; interleaving puts both binaries under the same
conditions. Prints the minimum and median wall time, the minimum CPU time and the peak RSS of each
step for each binary.

    scripts/bench-ab.py OLD_IAMCONF NEW_IAMCONF --size 10000 --repeat 9
    scripts/bench-ab.py ../old/.build-static/release/iamconf .build-static/release/iamconf --size 100000 --repeat 3

Steps: validate, plan (empty state), apply (from empty), no-change plan, destroy. Each binary works
in its own directory under --work (the simulator's world lives beside the state), on a
configuration made once by scripts/generate.py (seed 1, 20 accounts).
"""
import argparse, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv):
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", default=os.path.join(ROOT, "bench-results", "ab"))
    args = ap.parse_args()
    binaries = {"old": os.path.abspath(args.old), "new": os.path.abspath(args.new)}
    work = os.path.join(args.work, str(args.size))
    cfg = os.path.join(work, "iamconf")
    if not os.path.isdir(cfg):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate.py"), str(args.size), "--seed", "1",
                        "--accounts", "20", "--out", work], check=True, stdout=subprocess.DEVNULL)
    results = {}
    for _ in range(args.repeat):
        for name, exe in binaries.items():
            home = os.path.join(work, name)
            shutil.rmtree(home, ignore_errors=True)
            os.makedirs(os.path.join(home, "empty"))
            state = os.path.join(home, "state.json")
            steps = [
                ("validate", [exe, "validate", cfg]),
                ("plan", [exe, "plan", cfg, "--state", os.path.join(home, "empty", "state.json"), "--no-color"]),
                ("apply", [exe, "apply", cfg, "--auto-approve", "--no-color", "--state", state]),
                ("noop_plan", [exe, "plan", cfg, "--state", state, "--no-color"]),
                ("destroy", [exe, "destroy", cfg, "--auto-approve", "--no-color", "--state", state]),
            ]
            for step, argv in steps:
                results.setdefault((step, name), []).append(run(argv))
    print(f"{args.size} resources, {args.repeat} interleaved repetitions")
    print(f"{'step':10} {'binary':6} {'wall min':>9} {'wall med':>9} {'cpu min':>8} {'peak RSS':>9}")
    for step in ("validate", "plan", "apply", "noop_plan", "destroy"):
        for name in binaries:
            runs = results[(step, name)]
            walls = [r[0] for r in runs]
            print(f"{step:10} {name:6} {min(walls):8.3f}s {statistics.median(walls):8.3f}s "
                  f"{min(r[1] for r in runs):7.3f}s {max(r[2] for r in runs):7.0f}M")


if __name__ == "__main__":
    main()
