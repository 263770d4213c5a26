#!/usr/bin/env python3
"""Times `iamconf export` of the generated 10k-resource account set, from the simulator and from moto.

  scripts/export-bench.py [--iamconf PATH] [--n 10000] [--runs 3] [--out DIR] [--no-moto]

The set is scripts/generate.py N --seed 1 --accounts 20 (its `iamconf` directory). For each source,
the set is applied first (not timed here: the apply benchmarks are bench.py's), then exported --runs
times into fresh directories under /usr/bin/time (median wall, its CPU and peak RSS), and the last
export is checked: `iamconf plan EXPORT --detailed-exitcode` must exit 0 (no changes).

- simulator: `iamconf export CONFIG --out EXPORT` reads the world apply made in CONFIG/.iamconf.
- moto: a moto_server started on a free port; `apply --backend endpoint`, then
  `iamconf export --endpoint-url URL --accounts <the 20 ids>`. Each account is reached through its
  OrganizationAccountAccessRole, as apply reaches it; moto answers one request at a time.

Use the release binary (`swift build -c release --product iamconf`, default .build/release/iamconf).
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, env=None):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-1500:]}{result.stderr[-2500:]}")
    wall, user, system, rss = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024, result.stdout


def run(command, env=None, accepted=(0,)):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode not in accepted:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-1500:]}{result.stderr[-2500:]}")
    return result


def measure(label, command_for, runs, work, env=None):
    samples = []
    last = None
    for index in range(runs):
        target = os.path.join(work, f"export-{label}-{index}")
        shutil.rmtree(target, ignore_errors=True)
        samples.append(timed(command_for(target), env))
        last = target
    samples.sort(key=lambda s: s[0])
    wall, cpu, rss, stdout = samples[len(samples) // 2]
    resources = re.search(r"Exported (\d+) resources", stdout)
    plan = run([ARGS.iamconf, "plan", last, "--detailed-exitcode"], env=env, accepted=(0, 2))
    verdict = "no changes" if plan.returncode == 0 else "CHANGES (plan exit 2)"
    print(f"| {label} | {resources.group(1) if resources else '?'} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB | {verdict} |", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    work = ARGS.out or tempfile.mkdtemp(prefix="export-bench-")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate.py"), str(ARGS.n), "--seed", "1", "--accounts", "20",
                    "--out", os.path.join(work, "set")], check=True, stdout=subprocess.DEVNULL)
    config = os.path.join(work, "set", "iamconf")
    ids = sorted(set(re.findall(r'^\s+id: "(\d{12})"', "".join(open(os.path.join(config, f)).read() for f in os.listdir(config)), re.M)))
    print(f"{ARGS.n} resources in {len(ids)} accounts, {ARGS.runs} export runs per source, {ARGS.iamconf}")
    print("| source | resources exported | wall (median) | CPU | peak RSS | plan of the export |")
    print("| --- | --- | --- | --- | --- | --- |")

    sim = os.path.join(work, "sim")
    shutil.copytree(config, sim)
    run([ARGS.iamconf, "apply", sim, "--auto-approve"])
    measure("simulator", lambda target: [ARGS.iamconf, "export", sim, "--out", target], ARGS.runs, work)

    if ARGS.no_moto:
        return
    port = free_port()
    # As the tests start it: accounts from the credentials, AWS managed policies loaded.
    moto_env = {k: v for k, v in os.environ.items() if k not in ("MOTO_ACCOUNT_ID", "INITIAL_NO_AUTH_ACTION_COUNT")}
    moto_env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
    server = subprocess.Popen(["moto_server", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=moto_env)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/moto-api/")
                break
            except Exception:
                time.sleep(0.5)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="testing")
        moto = os.path.join(work, "moto")
        shutil.copytree(config, moto)
        started = time.time()
        run([ARGS.iamconf, "apply", moto, "--auto-approve", "--backend", "endpoint", "--endpoint-url", url], env=env)
        print(f"(apply to moto took {time.time() - started:.0f} s, not part of the figure)", file=sys.stderr)
        measure("moto_server", lambda target: [ARGS.iamconf, "export", "--endpoint-url", url, "--accounts", ",".join(ids), "--out", target],
                ARGS.runs, work, env)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--iamconf", default=os.path.join(ROOT, ".build", "release", "iamconf"))
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=None)
    parser.add_argument("--no-moto", action="store_true")
    ARGS = parser.parse_args()
    main()
