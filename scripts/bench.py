#!/usr/bin/env python3
"""iamconf's end-to-end benchmark: cost by size, against the parse floor and Terraform.

Builds iamconf and iamconf-bench in release mode, generates configurations of each size with
scripts/generate.py, then measures wall time and peak RSS (each child's own ru_maxrss, from
os.wait4) for: validate, plan from empty, apply to the simulator from empty, no-change plan,
plan after a 1% change, destroy. In the same run it measures the floor (libyaml event scan of the
same YAML files + json.load of the same state file) and, where `terraform` is installed, the
same steps on terraform_data resources of the same count and shape. Prints a table and writes
bench-results/bench-DATE.json.

Usage: scripts/bench.py [--sizes 1000,10000,100000] [--repeat 3] [--skip-terraform-above 10000]
                        [--no-secrets] [--moto-size 1000] [--no-build] [--keep] [--report JSON]
(scripts/bench.py --help lists every option; scripts/bench-README.md explains the choices.)
"""

import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench-results")
STEPS = ["validate", "plan", "apply", "noop_plan", "change_plan", "destroy"]


# ---------------------------------------------------------------------------------------------
# Running children: wall time from perf_counter, peak RSS from the child's own rusage.

class Run:
    def __init__(self, argv, wall, rss_kib, status, stdout, stderr, cpu=0.0):
        self.argv, self.wall, self.rss_kib, self.status, self.cpu = argv, wall, rss_kib, status, cpu
        self.stdout, self.stderr = stdout, stderr

    @property
    def ok(self):
        return self.status == 0

    def describe(self):
        tail = (self.stderr or self.stdout or "").strip().splitlines()[-5:]
        return f"`{' '.join(self.argv)}` exited {self.status}: " + " | ".join(tail)


def run(argv, cwd=None, env=None, timeout=3600, stdin_text=None, ok_statuses=(0,)):
    """Runs one child; its stdout/stderr go to temporary files so big outputs cost no pipe stalls."""
    out_path = os.path.join(RESULTS, ".stdout")
    err_path = os.path.join(RESULTS, ".stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err,
                                stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL)
        if stdin_text is not None:
            proc.stdin.write(stdin_text.encode())
            proc.stdin.close()
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                with open(err_path, "ab") as err_again:
                    err_again.write(f"\ntimed out after {timeout} s (killed)".encode())
                break
            time.sleep(0.0005 if time.perf_counter() - start < 0.2 else 0.01)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    with open(out_path, "rb") as f:
        stdout = f.read().decode(errors="replace")
    with open(err_path, "rb") as f:
        stderr = f.read().decode(errors="replace")
    code = proc.returncode
    return Run(argv, wall, usage.ru_maxrss, 0 if code in ok_statuses else code, stdout, stderr,
               usage.ru_utime + usage.ru_stime)


def best(runs):
    """Best wall time of the repetitions; peak RSS is the largest seen (it barely varies)."""
    good = [r for r in runs if r and r.ok]
    if not good:
        bad = next((r for r in runs if r), None)
        return {"error": bad.describe() if bad else "not run"}
    fastest = min(good, key=lambda r: r.wall)
    return {"wall_s": round(fastest.wall, 4), "cpu_s": round(fastest.cpu, 4),
            "rss_mib": round(max(r.rss_kib for r in good) / 1024, 1), "runs": [round(r.wall, 4) for r in good]}


# ---------------------------------------------------------------------------------------------
# Setup.

def sh(argv, cwd=ROOT):
    print("+ " + " ".join(argv), flush=True)
    subprocess.run(argv, cwd=cwd, check=True)


STATIC_SCRATCH = os.path.join(ROOT, ".build-static")


def build(args):
    """The release binaries, linked the way iamconf ships: with the Swift runtime and Foundation
    linked in statically (`--static-swift-stdlib`), so each command starts in a few milliseconds
    instead of ~20 ms of dynamic loading. Falls back to the ordinary dynamic release build (with a
    message) where the static link is not possible. Returns (iamconf, iamconf-bench, linkage)."""
    static = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", STATIC_SCRATCH]
    dynamic = ["swift", "build", "-c", "release"]
    for argv, linkage in ((static, "static"), (dynamic, "dynamic")):
        if args.dynamic and linkage == "static":
            continue
        try:
            if not args.no_build:
                sh(argv + ["--product", "iamconf"])
                sh(argv + ["--product", "iamconf-bench"])
            bin_dir = subprocess.run(argv + ["--show-bin-path"], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout.strip()
        except subprocess.CalledProcessError:
            print(f"the {linkage} release build failed; trying the next way", flush=True)
            continue
        exe = os.path.join(bin_dir, "iamconf")
        if os.path.exists(exe):
            return exe, os.path.join(bin_dir, "iamconf-bench"), linkage
    raise SystemExit("no release build of iamconf could be made")


def build_scanner():
    """Compiles the libyaml event scanner, installing libyaml-dev with apt when the header is missing."""
    exe = os.path.join(RESULTS, "bin", "yaml-scan")
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    if not os.path.exists("/usr/include/yaml.h") and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "libyaml-dev"], check=False)
    src = os.path.join(ROOT, "scripts", "yaml-scan.c")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        sh(["cc", "-O2", "-o", exe, src, "-lyaml"])
    return exe


def generate(n, seed, accounts=20, name=None, secrets=True):
    out = os.path.join(RESULTS, "work", name or (str(n) if secrets else f"{n}-nosecrets"))
    manifest = os.path.join(out, "manifest.json")
    generator = os.path.join(ROOT, "scripts", "generate.py")
    if os.path.exists(manifest) and os.path.getmtime(manifest) > os.path.getmtime(generator):
        with open(manifest) as f:
            m = json.load(f)
        if (m.get("seed") == seed and m.get("resources") == n and m.get("accounts") == min(accounts, n // 40)
                and m.get("secrets", True) == secrets):
            return out, m
    sh([sys.executable, generator, str(n), "--seed", str(seed), "--accounts", str(accounts), "--out", out]
       + ([] if secrets else ["--no-secrets"]))
    with open(manifest) as f:
        return out, json.load(f)


def fresh_dir(path, source=None):
    if os.path.isdir(path):
        shutil.rmtree(path)
    if source:
        shutil.copytree(source, path)
    else:
        os.makedirs(path)
    return path


def overlay(src, dst):
    """Copies every file of src over dst: the 1% change touches only the files it changes."""
    for name in os.listdir(src):
        a, b = os.path.join(src, name), os.path.join(dst, name)
        with open(a, "rb") as fa:
            data = fa.read()
        if os.path.exists(b):
            with open(b, "rb") as fb:
                if fb.read() == data:
                    continue
        with open(b, "wb") as fb:
            fb.write(data)


# ---------------------------------------------------------------------------------------------
# iamconf.

PLAN_COUNTS = re.compile(r"(\d+) to add, (\d+) to change, (\d+) to (?:destroy|delete)")


def plan_counts(text):
    m = PLAN_COUNTS.search(text)
    if m:
        return {"add": int(m.group(1)), "change": int(m.group(2)), "destroy": int(m.group(3))}
    if re.search(r"no changes", text, re.I):
        return {"add": 0, "change": 0, "destroy": 0}
    return None


STEP_TIMEOUT = 3600


def iamconf_once(exe, work, size_dir, rep):
    """One full sequence in a fresh directory; returns {step: Run} and the plan counts seen."""
    run_dir = fresh_dir(os.path.join(work, f"iamconf-run{rep}"))
    cfg = fresh_dir(os.path.join(run_dir, "config"), os.path.join(size_dir, "iamconf"))
    state = os.path.join(run_dir, "iamconf.state.json")
    common = ["--state", state, "--no-color"]
    env = dict(os.environ, NO_COLOR="1")
    runs, counts = {}, {}
    runs["validate"] = run([exe, "validate", cfg], cwd=run_dir, env=env, timeout=STEP_TIMEOUT)
    runs["plan"] = run([exe, "plan", cfg] + common, cwd=run_dir, env=env, timeout=STEP_TIMEOUT)
    counts["plan"] = plan_counts(runs["plan"].stdout)
    runs["apply"] = run([exe, "apply", cfg, "--auto-approve"] + common, cwd=run_dir, env=env, timeout=STEP_TIMEOUT)
    if runs["apply"].ok:
        if os.path.exists(state):
            shutil.copyfile(state, state + ".after-apply")  # the floor parses the state the no-change plan reads
        runs["noop_plan"] = run([exe, "plan", cfg] + common, cwd=run_dir, env=env, timeout=STEP_TIMEOUT)
        counts["noop_plan"] = plan_counts(runs["noop_plan"].stdout)
        overlay(os.path.join(size_dir, "iamconf-changed"), cfg)
        runs["change_plan"] = run([exe, "plan", cfg] + common, cwd=run_dir, env=env, timeout=STEP_TIMEOUT)
        counts["change_plan"] = plan_counts(runs["change_plan"].stdout)
        runs["destroy"] = run([exe, "destroy", cfg, "--auto-approve"] + common, cwd=run_dir, env=env, timeout=STEP_TIMEOUT)
        counts["destroy"] = plan_counts(runs["destroy"].stdout)
    return runs, counts, state


def floor_once(scanner, cfg_files, state_path):
    """The floor: a libyaml event scan of the YAML files (a child, like iamconf) + json.load of the state."""
    scan = run([scanner] + cfg_files)
    import gc
    gc.disable()  # Python's cycle collector would otherwise rescan millions of fresh objects
    try:
        start, cpu = time.perf_counter(), time.process_time()
        with open(state_path, "rb") as f:
            json.loads(f.read())
        return scan, time.perf_counter() - start, time.process_time() - cpu
    finally:
        gc.enable()


# ---------------------------------------------------------------------------------------------
# Terraform: terraform_data of the same count and dependency shape, local state.

def terraform_env(work):
    rc = os.path.join(work, "terraformrc")
    with open(rc, "w") as f:
        f.write("")
    return dict(os.environ, TF_CLI_CONFIG_FILE=rc, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")


def terraform_once(size_dir, work, timeout, destroy):
    """plan and apply use -parallelism=10 (the default); plans use -refresh=false (see README)."""
    tf = fresh_dir(os.path.join(work, "terraform-run"), os.path.join(size_dir, "terraform"))
    env = terraform_env(work)
    runs = {}
    init = run(["terraform", "init", "-input=false", "-no-color"], cwd=tf, env=env, timeout=timeout)
    if not init.ok:
        return {"init": init}
    flags = ["-input=false", "-no-color", "-lock=false"]
    runs["plan"] = run(["terraform", "plan", "-refresh=false"] + flags, cwd=tf, env=env, timeout=timeout)
    runs["apply"] = run(["terraform", "apply", "-auto-approve", "-parallelism=10"] + flags, cwd=tf, env=env, timeout=timeout)
    if runs["apply"].ok:
        runs["noop_plan"] = run(["terraform", "plan", "-refresh=false"] + flags, cwd=tf, env=env, timeout=timeout)
        overlay(os.path.join(size_dir, "terraform-changed"), tf)
        runs["change_plan"] = run(["terraform", "plan", "-refresh=false"] + flags, cwd=tf, env=env, timeout=timeout)
        if destroy:
            runs["destroy"] = run(["terraform", "destroy", "-auto-approve", "-refresh=false", "-parallelism=10"] + flags,
                                  cwd=tf, env=env, timeout=timeout)
    return runs


# ---------------------------------------------------------------------------------------------
# Other measurements.

def cross_account(exe, work, repeat):
    """examples/cross-account: validate + plan from an empty state, best of `repeat`."""
    example = os.path.join(ROOT, "examples", "cross-account")
    if not os.path.isdir(example):
        return {"skipped": "examples/cross-account is not in this checkout"}
    cfg = fresh_dir(os.path.join(work, "cross-account"), example)
    state = os.path.join(work, "cross-account.state.json")
    if os.path.exists(state):
        os.remove(state)
    validate, plan = [], []
    for _ in range(repeat):
        validate.append(run([exe, "validate", cfg], env=dict(os.environ, NO_COLOR="1")))
        plan.append(run([exe, "plan", cfg, "--state", state, "--no-color"], env=dict(os.environ, NO_COLOR="1")))
    v, p = best(validate), best(plan)
    out = {"validate": v, "plan": p}
    if "wall_s" in v and "wall_s" in p:
        out["validate_plus_plan_ms"] = round((v["wall_s"] + p["wall_s"]) * 1000, 1)
    return out


def policy_throughput(bench_exe):
    """iamconf-bench prints one JSON object on its last line of stdout."""
    if not os.path.exists(bench_exe):
        return {"skipped": "iamconf-bench was not built"}
    r = run(["taskset", "-c", "0", bench_exe, "--json"] if shutil.which("taskset") else [bench_exe, "--json"])
    if not r.ok:
        return {"error": r.describe()}
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"skipped": r.stdout.strip()[:200]}


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def moto_throughput(exe, args):
    """Apply of a 2-account configuration to moto_server: iamconf's endpoint backend against a
    plain sequential boto3 script making one call per resource (scripts/moto_baseline.py)."""
    if not shutil.which("moto_server"):
        return {"skipped": "moto_server is not installed (pip install 'moto[server]')"}
    try:
        import boto3  # noqa: F401  (the baseline needs it)
    except ImportError:
        return {"skipped": "boto3 is not installed"}
    size_dir, manifest = generate(args.moto_size, args.seed, accounts=2, name=f"moto-{args.moto_size}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "MOTO_ACCOUNT_ID"}
    env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
    log = open(os.path.join(RESULTS, "moto_server.log"), "wb")
    server = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], env=env, stdout=log, stderr=log)
    out = {"resources": manifest["resources"], "accounts": manifest["accounts"]}
    try:
        if not wait_ready(url):
            return {"error": "moto_server did not start"}
        base = run([sys.executable, os.path.join(ROOT, "scripts", "moto_baseline.py"), os.path.join(size_dir, "iamconf"),
                    "--endpoint", url], timeout=1800)
        try:
            out["boto3_sequential"] = json.loads(base.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            out["boto3_sequential"] = {"error": base.describe()}
        reset(url)
        warm(url, manifest, size_dir)
        work = fresh_dir(os.path.join(RESULTS, "work", "moto-run"))
        cfg = fresh_dir(os.path.join(work, "config"), os.path.join(size_dir, "iamconf"))
        tool_env = dict(os.environ, NO_COLOR="1", AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="testing",
                        AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1")
        applied = run([exe, "apply", cfg, "--auto-approve", "--no-color", "--state", os.path.join(work, "state.json"),
                       "--backend", "endpoint", "--endpoint-url", url], env=tool_env, timeout=1800)
        if applied.ok:
            out["iamconf_apply"] = {"seconds": round(applied.wall, 3), "rss_mib": round(applied.rss_kib / 1024, 1),
                                    "resources_per_s": round(manifest["resources"] / applied.wall, 1)}
            b = out["boto3_sequential"].get("calls_per_s")
            if b:
                out["iamconf_over_boto3"] = round(out["iamconf_apply"]["resources_per_s"] / b, 2)
        else:
            out["iamconf_apply"] = {"error": applied.describe()[:800]}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return out


def wait_ready(url, seconds=30):
    import urllib.request
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/moto-api/", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def reset(url):
    import urllib.request
    urllib.request.urlopen(urllib.request.Request(url + "/moto-api/reset", method="POST"), timeout=30).read()


def warm(url, manifest, size_dir):
    """moto loads the AWS managed policies into an account on first use (about 1 s each): pay that untimed."""
    import boto3
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import moto_baseline
    accounts = moto_baseline.load(os.path.join(size_dir, "iamconf"))
    for client in moto_baseline.clients(accounts, url).values():
        client.list_policies(Scope="AWS", MaxItems=1)


def machine_info():
    def read(path):
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""
    model = re.search(r"model name\s*:\s*(.*)", read("/proc/cpuinfo"))
    mem = re.search(r"MemTotal:\s*(\d+) kB", read("/proc/meminfo"))
    def version(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return None
    commit = version(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(), "cpu": model.group(1).strip() if model else platform.processor(),
        "memory_gib": round(int(mem.group(1)) / 1048576, 1) if mem else None,
        "kernel": platform.release(), "swift": version(["swift", "--version"]),
        "terraform": version(["terraform", "version"]) if shutil.which("terraform") else None,
        "commit": commit,
    }


# ---------------------------------------------------------------------------------------------
# The run.

PHASE = re.compile(r"^\s+(.+?)\s+([0-9.]+) ms$")


def pipeline_phases(bench_exe, cfg, state):
    """In-process phase times of one plan (iamconf-bench pipeline): where a slow command spends."""
    r = run([bench_exe, "pipeline", "plan", cfg, "--state", state])
    if not r.ok:
        return {"error": r.describe()[:400]}
    return {m.group(1): float(m.group(2)) for m in map(PHASE.match, r.stdout.splitlines()) if m}


def measure_size(n, args, exe, bench_exe, scanner, repeat):
    size_dir, manifest = generate(n, args.seed, secrets=not args.no_secrets)
    work = os.path.join(RESULTS, "work", f"{n}-runs")
    os.makedirs(work, exist_ok=True)
    print(f"\n== {n} resources ({manifest['accounts']} accounts), best of {repeat}", flush=True)
    load_before = os.getloadavg()
    steps = {s: [] for s in STEPS}
    floors, counts = [], {}
    for rep in range(repeat):
        runs, counts, state = iamconf_once(exe, work, size_dir, rep)
        for s in STEPS:
            steps[s].append(runs.get(s))
        cfg_files = sorted(glob.glob(os.path.join(size_dir, "iamconf", "*.yaml")))
        if os.path.exists(state + ".after-apply"):
            floors.append(floor_once(scanner, cfg_files, state + ".after-apply"))
        print("   rep %d: %s" % (rep + 1, "  ".join(
            f"{s} {runs[s].wall:.3f}s" if runs.get(s) and runs[s].ok else f"{s} FAILED" for s in STEPS if s in runs)),
              flush=True)
        failed = [runs[s] for s in STEPS if s in runs and not runs[s].ok]
        if failed:
            print("   " + failed[0].describe()[:600], flush=True)
    phases = {}
    if os.path.exists(bench_exe) and os.path.exists(state + ".after-apply"):
        base_cfg = os.path.join(size_dir, "iamconf")
        phases["plan_from_empty"] = pipeline_phases(bench_exe, base_cfg, os.path.join(work, "no-such-state.json"))
        phases["noop_plan"] = pipeline_phases(bench_exe, base_cfg, state + ".after-apply")
    result = {"resources": n, "manifest_by_type": manifest["by_type"], "repeat": repeat, "phases_ms": phases,
              "iamconf": {s: best(steps[s]) for s in STEPS}, "plan_counts": counts}
    result["checks"] = check_counts(counts, manifest)
    result["load_average_before_after"] = [round(load_before[0], 2), round(os.getloadavg()[0], 2)]
    if floors:
        scan = min(f[0].wall for f in floors if f[0].ok) if any(f[0].ok for f in floors) else None
        js = min(f[1] for f in floors)
        if scan is not None:
            result["floor"] = {"yaml_scan_s": round(scan, 4), "state_json_s": round(js, 4), "total_s": round(scan + js, 4),
                               "yaml_bytes": sum(os.path.getsize(p) for p in cfg_files)}
            scan_cpu = min(f[0].cpu for f in floors if f[0].ok)
            js_cpu = min(f[2] for f in floors)
            result["floor"]["total_cpu_s"] = round(scan_cpu + js_cpu, 4)
            noop = result["iamconf"]["noop_plan"]
            if "wall_s" in noop:
                result["noop_plan_over_floor"] = round(noop["wall_s"] / (scan + js), 2)
                if scan_cpu + js_cpu > 0:
                    result["noop_plan_over_floor_cpu"] = round(noop["cpu_s"] / (scan_cpu + js_cpu), 2)
    if shutil.which("terraform") is None:
        result["terraform"] = {"skipped": "terraform is not installed"}
    elif n > args.skip_terraform_above:
        result["terraform"] = {"skipped": f"size above --skip-terraform-above {args.skip_terraform_above}"}
    else:
        print("   terraform ...", flush=True)
        tf = terraform_once(size_dir, work, args.terraform_timeout, args.terraform_destroy)
        result["terraform"] = {s: best([r]) for s, r in tf.items()}
        result["speedup"] = {}
        for s in ("plan", "apply", "noop_plan", "change_plan", "destroy"):
            a, b = result["iamconf"].get(s, {}), result["terraform"].get(s, {})
            if "wall_s" in a and "wall_s" in b and a["wall_s"] > 0:
                result["speedup"][s] = round(b["wall_s"] / a["wall_s"], 1)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def check_counts(counts, manifest):
    """The plan must create exactly the generated resources, and the 1% plan must touch about 1%."""
    want = manifest["resources"]
    out = {}
    plan = counts.get("plan")
    out["plan_adds_all"] = bool(plan and plan["add"] == want) if plan else None
    if plan and plan["add"] != want:
        out["plan_add_count"] = plan["add"]
    noop = counts.get("noop_plan")
    out["noop_plan_empty"] = bool(noop and noop == {"add": 0, "change": 0, "destroy": 0}) if noop else None
    change = counts.get("change_plan")
    if change:
        out["change_plan_counts"] = change
        out["changed_in_config"] = len(manifest["changed"])
    return out


def growth(results, key="wall_s"):
    """time(100k) / time(10k) for plan and apply (target <= 11)."""
    by_n = {r["resources"]: r for r in results}
    out = {}
    for lo, hi in ((1000, 10000), (10000, 100000)):
        if lo in by_n and hi in by_n:
            for s in ("plan", "apply", "noop_plan", "destroy"):
                a, b = by_n[lo]["iamconf"].get(s, {}), by_n[hi]["iamconf"].get(s, {})
                if key in a and key in b and a[key] > 0:
                    out[f"{s}_{hi // 1000}k_over_{lo // 1000}k"] = round(b[key] / a[key], 2)
    return out


def fmt(entry):
    if not entry:
        return "-"
    if "wall_s" in entry:
        return f"{entry['wall_s']:.3f}s/{entry['rss_mib']:.0f}M"
    return "skip" if "skipped" in entry else "FAIL"


def print_table(report):
    print(f"\nwall time / peak RSS (best of the repetitions); iamconf linked "
          f"{'statically' if report.get('linkage') == 'static' else 'dynamically'}")
    head = ["size", "tool"] + STEPS
    rows = []
    for r in report["sizes"]:
        rows.append([str(r["resources"]), "iamconf"] + [fmt(r["iamconf"].get(s)) for s in STEPS])
        tf = r.get("terraform", {})
        if "skipped" in tf:
            rows.append([str(r["resources"]), "terraform", f"skipped: {tf['skipped']}"] + [""] * 5)
        else:
            rows.append([str(r["resources"]), "terraform"] + [fmt(tf.get(s)) if s != "validate" else "-" for s in STEPS])
        fl = r.get("floor")
        if fl:
            rows.append([str(r["resources"]), "floor", f"yaml {fl['yaml_scan_s']:.3f}s + json {fl['state_json_s']:.3f}s",
                         f"no-change/floor = {r.get('noop_plan_over_floor', '-')}x wall, "
                         f"{r.get('noop_plan_over_floor_cpu', '-')}x CPU", "", "", "", ""])
        if r.get("speedup"):
            rows.append([str(r["resources"]), "speedup"] + ["-"] + [f"{r['speedup'][s]}x" if s in r["speedup"] else "-"
                                                                  for s in STEPS[1:]])
    widths = [max(len(str(x[i])) for x in rows + [head]) for i in range(len(head))]
    for row in [head] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
    for r in report["sizes"]:
        for kind, ph in (r.get("phases_ms") or {}).items():
            if ph and "error" not in ph:
                print(f"{r['resources']} {kind} phases (ms, in-process): " + ", ".join(f"{k} {v:.0f}" for k, v in ph.items()))
    if report.get("growth"):
        print("\ngrowth (wall): " + ", ".join(f"{k} = {v}" for k, v in report["growth"].items()))
    if report.get("growth_cpu"):
        print("growth (CPU):  " + ", ".join(f"{k} = {v}" for k, v in report["growth_cpu"].items()))
    ca = report.get("cross_account", {})
    if "validate_plus_plan_ms" in ca:
        print(f"cross-account example: validate + plan = {ca['validate_plus_plan_ms']} ms")
    elif ca:
        print(f"cross-account example: {ca.get('skipped') or ca}")
    if report.get("policy_engine"):
        print(f"policy engine: {json.dumps(report['policy_engine'])}")
    moto = report.get("moto")
    if moto:
        if "iamconf_apply" in moto and "resources_per_s" in moto["iamconf_apply"]:
            print(f"moto_server apply ({moto['resources']} resources): iamconf {moto['iamconf_apply']['resources_per_s']}/s, "
                  f"sequential boto3 {moto['boto3_sequential'].get('calls_per_s')}/s")
        else:
            print(f"moto_server: {json.dumps(moto)[:400]}")
    print("\ntargets:")
    for t in report["targets"]:
        print(f"  [{t['status']:>4}] {t['target']}: {t['measured']}")


def targets(report):
    """Each target on wall time, and where the machine is shared, on CPU time as well (the same
    process on an idle machine: plan is single-threaded, so wall ~ CPU there)."""
    out = []
    def add(name, measured, ok):
        out.append({"target": name, "measured": measured, "status": "n/a" if ok is None else ("met" if ok else "MISS")})
    g = report.get("growth", {})
    g_cpu = growth(report["sizes"], key="cpu_s")
    for s in ("plan", "apply"):
        v = g.get(f"{s}_100k_over_10k")
        add(f"time(100k)/time(10k) <= 11 for {s} (wall)", v, None if v is None else v <= 11)
        v = g_cpu.get(f"{s}_100k_over_10k")
        add(f"time(100k)/time(10k) <= 11 for {s} (CPU)", v, None if v is None else v <= 11)
    big = next((r for r in report["sizes"] if r["resources"] == 100000), None)
    noop = big["iamconf"]["noop_plan"] if big else {}
    add("100k no-change plan < 2 s (wall)", noop.get("wall_s"), noop["wall_s"] < 2 if "wall_s" in noop else None)
    add("100k no-change plan < 2 s (CPU)", noop.get("cpu_s"), noop["cpu_s"] < 2 if "cpu_s" in noop else None)
    add("100k no-change plan peak RSS < 1 GiB (MiB)", noop.get("rss_mib"), noop["rss_mib"] < 1024 if "rss_mib" in noop else None)
    ratio = big.get("noop_plan_over_floor") if big else None
    add("100k no-change plan <= 3x floor (wall)", ratio, None if ratio is None else ratio <= 3)
    ratio = big.get("noop_plan_over_floor_cpu") if big else None
    add("100k no-change plan <= 3x floor (CPU)", ratio, None if ratio is None else ratio <= 3)
    ten = next((r for r in report["sizes"] if r["resources"] == 10000), None)
    for s in ("plan", "apply"):
        v = ten.get("speedup", {}).get(s) if ten else None
        add(f"speedup over Terraform at 10k >= 100x ({s})", v, None if v is None else v >= 100)
    ms = report.get("cross_account", {}).get("validate_plus_plan_ms")
    add("cross-account validate + plan < 30 ms", ms, None if ms is None else ms < 30)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated resource counts")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions for sizes below 100k (best of); 100k runs once")
    ap.add_argument("--skip-terraform-above", type=int, default=10000, help="skip Terraform above this size (default 10000)")
    ap.add_argument("--terraform-timeout", type=int, default=3600, help="seconds per Terraform command")
    ap.add_argument("--terraform-destroy", action="store_true",
                    help="also time `terraform destroy` (slow: about 2.5x its apply here)")
    ap.add_argument("--moto-size", type=int, default=1000,
                    help="resources applied to moto_server, iamconf vs sequential boto3 (0 skips)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-build", action="store_true", help="use the existing release build")
    ap.add_argument("--dynamic", action="store_true",
                    help="measure the ordinary dynamically linked release build instead of the static one")
    ap.add_argument("--keep", action="store_true", help="keep the run directories under bench-results/work")
    ap.add_argument("--out", help="the JSON file (default bench-results/bench-DATE.json)")
    ap.add_argument("--no-secrets", action="store_true",
                    help="configurations without login profiles and access keys (see README: their apply is quadratic today)")
    ap.add_argument("--step-timeout", type=int, default=3600, help="seconds before an iamconf step is killed")
    ap.add_argument("--report", metavar="JSON", help="print the table and targets of an earlier run and exit")
    args = ap.parse_args(argv)
    if args.report:
        with open(args.report) as f:
            report = json.load(f)
        report["growth"] = growth(report["sizes"])
        report["growth_cpu"] = growth(report["sizes"], key="cpu_s")
        report["targets"] = targets(report)
        print_table(report)
        return 0
    os.makedirs(RESULTS, exist_ok=True)
    exe, bench_exe, linkage = build(args)
    scanner = build_scanner()
    report = {"machine": machine_info(), "options": vars(args), "linkage": linkage, "sizes": [],
              "notes": {"terraform": "terraform_data with local state; plan/destroy with -refresh=false, "
                                     "apply/destroy with -parallelism=10 (the default)",
                        "floor": "libyaml event scan of the YAML files (a child process) + Python json.load of the "
                                 "state file written by apply (in-process)",
                        "rss": "each child's own ru_maxrss from os.wait4"}}
    if shutil.which("terraform") is None:
        print("terraform is not installed: the Terraform anchor is skipped")
    global STEP_TIMEOUT
    STEP_TIMEOUT = args.step_timeout
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    path = args.out or os.path.join(RESULTS, f"bench-{stamp}.json")
    for n in [int(s) for s in args.sizes.split(",") if s]:
        repeat = 1 if n >= 100000 else args.repeat
        report["sizes"].append(measure_size(n, args, exe, bench_exe, scanner, repeat))
        with open(path, "w") as f:  # after every size, so a long run that is stopped keeps its figures
            json.dump(report, f, indent=1)
    report["growth"] = growth(report["sizes"])
    report["growth_cpu"] = growth(report["sizes"], key="cpu_s")
    report["cross_account"] = cross_account(exe, os.path.join(RESULTS, "work"), 10)
    report["policy_engine"] = policy_throughput(bench_exe)
    if args.moto_size > 0:
        print("\n== apply throughput against moto_server", flush=True)
        report["moto"] = moto_throughput(exe, args)
    report["targets"] = targets(report)
    with open(path, "w") as f:
        json.dump(report, f, indent=1)
    print_table(report)
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
