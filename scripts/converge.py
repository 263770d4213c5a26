#!/usr/bin/env python3
"""Does `apply` always converge? A reproducible fault campaign against a built `iamconf` binary (issue 9).

Three campaigns, each trial in a fresh directory:

1. simulator kills: a generated configuration (scripts/generate.py N, 20 accounts), `apply` killed with
   SIGKILL at K points spread over a measured full apply (one stratified random delay per K-th of it),
   then ONE more `apply --auto-approve`. Checked: its exit code, `plan --refresh --detailed-exitcode`
   == 0, and the state against the simulator's world (`.iamconf/simulator.json`).
2. endpoint kills: the same against a moto_server this script starts on a free loopback port (reset
   between trials), with a smaller configuration (2 accounts); moto's contents are read with boto3.
3. lost answers: a loopback proxy (scripts/fault_proxy.py) in front of moto lets moto act and then
   closes the client's connection without the answer, at each rate (10%, 15%, 20%). `apply` is run
   until it exits 0 (at most --max-applies times); the number of runs is the figure (target: <= 3).
   Then the same checks, with the proxy made transparent.

The comparison of state and backend counts, per account: objects the backend has that the state does
not know (orphans), objects the state records that the backend lacks (missing), access keys without
a secret in the state, and login profiles without a password in the state. Objects are users, groups,
roles, customer managed policies, instance profiles and their roles, login profiles, access keys,
group memberships, policy attachments, inline policies, the account alias and the password policy.

A trial that fails a check keeps its directory (its path is printed) and is reported in the table and
the JSON; a passing trial's directory is removed unless --keep. Figures are printed as a table and
written to bench-results/converge-DATE.json (bench-results/ is git-ignored).

Usage: scripts/converge.py PATH/TO/iamconf [--sim-size 10000] [--sim-kills 20] [--endpoint-size 500]
           [--endpoint-kills 20] [--loss-rates 0.10,0.15,0.20] [--loss-trials 3] [--seed 1]
           [--only sim,endpoint,loss] [--keep] [--out JSON]
"""

import argparse
import glob
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench-results")
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import fault_proxy  # noqa: E402  (beside this script)

DEFAULT_ACCOUNT = "123456789012"  # where moto puts calls it cannot route to an account


# ---------------------------------------------------------------------------------------------
# Running iamconf

class Run:
    def __init__(self, argv, rc, wall, log):
        self.argv, self.rc, self.wall, self.log = argv, rc, wall, log

    def tail(self, lines=12):
        try:
            with open(self.log, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def run(argv, log, env=None, timeout=1800):
    """Runs a command to completion, output to `log`; returns a Run."""
    start = time.monotonic()
    with open(log, "wb") as out:
        try:
            rc = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, env=env, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    return Run(argv, rc, time.monotonic() - start, log)


def run_killed(argv, log, delay, env=None):
    """Starts a command and SIGKILLs it after `delay` seconds. Returns (landed, wall): landed is
    False when the process had already exited by itself (the kill came too late)."""
    start = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            proc.wait(timeout=delay)
            landed = False
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            landed = True
    return landed, time.monotonic() - start, proc.returncode


def run_watched(argv, log, paths, env=None, timeout=1800):
    """Runs a command to completion, noting when the first of `paths` appears (polled every 2 ms).
    Returns (Run, seconds until the first path appeared, or None)."""
    start = time.monotonic()
    first = None
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env)
        while proc.poll() is None:
            if first is None and any(os.path.exists(p) for p in paths):
                first = time.monotonic() - start
            if time.monotonic() - start > timeout:
                proc.kill()
            time.sleep(0.002)
    return Run(argv, proc.returncode, time.monotonic() - start, log), first


class Tool:
    """The iamconf binary with the backend options of one campaign."""

    def __init__(self, exe, backend_args=(), env=None):
        self.exe, self.backend_args, self.env = exe, list(backend_args), env

    def apply_argv(self, trial):
        return [self.exe, "apply", trial.config, "--auto-approve", "--no-color", "--state", trial.state] + self.backend_args

    def apply(self, trial, name):
        return run(self.apply_argv(trial), trial.log(name), env=self.env)

    def plan_refresh(self, trial, name="plan-refresh"):
        argv = [self.exe, "plan", trial.config, "--refresh", "--detailed-exitcode", "--no-color",
                "--state", trial.state] + self.backend_args
        return run(argv, trial.log(name), env=self.env)


class Trial:
    """A fresh directory: a copy of the configuration, the state beside it, logs."""

    def __init__(self, root, name, config_src):
        self.dir = os.path.join(root, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.config = os.path.join(self.dir, "config")
        shutil.copytree(config_src, self.config)
        self.state = os.path.join(self.dir, "iamconf.state.json")
        self.world = os.path.join(self.dir, ".iamconf", "simulator.json")

    def log(self, name):
        return os.path.join(self.dir, name + ".log")

    def leftovers(self):
        """Temporary files a killed writer left (`.iamconf.state.json.tmp-PID-N` and the like)."""
        found = []
        for base, _dirs, files in os.walk(self.dir):
            found += [os.path.relpath(os.path.join(base, f), self.dir) for f in files if ".tmp-" in f]
        return sorted(found)


# ---------------------------------------------------------------------------------------------
# Inventories: sets of (account id, kind, key) plus which keys and profiles have secrets

class Inventory:
    def __init__(self):
        self.objects = set()
        self.key_secret = {}       # (account, key id) -> the state holds its secret
        self.profile_password = {}  # (account, user) -> the state holds its password
        self.unchecked = {}        # state types this script does not compare
        self.unreadable = None     # why the file could not be read (a finding in itself)

    def add(self, account, kind, key):
        self.objects.add((account, kind, key if isinstance(key, str) else "/".join(key)))


STATE_KEYS = {
    "user": lambda a: a["name"], "group": lambda a: a["name"], "role": lambda a: a["name"],
    "policy": lambda a: a["name"], "instance_profile": lambda a: a["name"],
    "instance_profile_role": lambda a: (a["profile"], a["role"]),
    "login_profile": lambda a: a["user"],
    "user_group_membership": lambda a: (a["user"], a["group"]),
    "user_policy_attachment": lambda a: (a["user"], a["policy_arn"]),
    "group_policy_attachment": lambda a: (a["group"], a["policy_arn"]),
    "role_policy_attachment": lambda a: (a["role"], a["policy_arn"]),
    "user_inline_policy": lambda a: (a["entity"], a["name"]),
    "group_inline_policy": lambda a: (a["entity"], a["name"]),
    "role_inline_policy": lambda a: (a["entity"], a["name"]),
    "account_alias": lambda a: a["alias"],
    "password_policy": lambda a: "password_policy",
}


def state_inventory(path):
    """What the state file records. A missing state (a kill before the first save) is empty."""
    inv = Inventory()
    if not os.path.exists(path):
        return inv
    try:
        with open(path) as f:
            state = json.load(f)
    except (OSError, ValueError) as error:
        inv.unreadable = f"{path}: {error}"
        return inv
    for r in state.get("resources", []):
        kind, account = r.get("type"), r.get("account_id")
        attrs, outputs, secrets = r.get("attributes") or {}, r.get("outputs") or {}, r.get("secrets") or {}
        if kind == "access_key":
            key_id = outputs.get("access_key_id")
            if not key_id:
                inv.add(account, "access_key", "(no id) " + r.get("address", "?"))
                continue
            inv.add(account, "access_key", key_id)
            inv.key_secret[(account, key_id)] = bool(secrets.get("secret_access_key"))
        elif kind in STATE_KEYS:
            try:
                inv.add(account, kind, STATE_KEYS[kind](attrs))
            except KeyError:
                inv.unchecked[kind] = inv.unchecked.get(kind, 0) + 1
                continue
            if kind == "login_profile":
                inv.profile_password[(account, attrs["user"])] = bool(secrets.get("password"))
        else:
            inv.unchecked[kind] = inv.unchecked.get(kind, 0) + 1
    return inv


def world_inventory(path):
    """What the simulator's world file holds."""
    inv = Inventory()
    if not os.path.exists(path):
        return inv
    try:
        with open(path) as f:
            world = json.load(f)["world"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        inv.unreadable = f"{path}: {error!r}"
        return inv
    for account, acct in (world.get("accounts") or {}).items():
        for name, u in (acct.get("users") or {}).items():
            inv.add(account, "user", name)
            for key in u.get("accessKeys") or []:
                inv.add(account, "access_key", key["id"])
            if u.get("loginProfile") is not None:
                inv.add(account, "login_profile", name)
            for g in u.get("groups") or []:
                inv.add(account, "user_group_membership", (name, g))
            for arn in u.get("attachedPolicies") or []:
                inv.add(account, "user_policy_attachment", (name, arn))
            for p in u.get("inlinePolicies") or {}:
                inv.add(account, "user_inline_policy", (name, p))
        for name, g in (acct.get("groups") or {}).items():
            inv.add(account, "group", name)
            for arn in g.get("attachedPolicies") or []:
                inv.add(account, "group_policy_attachment", (name, arn))
            for p in g.get("inlinePolicies") or {}:
                inv.add(account, "group_inline_policy", (name, p))
        for name, r in (acct.get("roles") or {}).items():
            inv.add(account, "role", name)
            for arn in r.get("attachedPolicies") or []:
                inv.add(account, "role_policy_attachment", (name, arn))
            for p in r.get("inlinePolicies") or {}:
                inv.add(account, "role_inline_policy", (name, p))
        for name in acct.get("policies") or {}:
            inv.add(account, "policy", name)
        for name, p in (acct.get("instanceProfiles") or {}).items():
            inv.add(account, "instance_profile", name)
            for role in p.get("roles") or []:
                inv.add(account, "instance_profile_role", (name, role))
        if acct.get("alias"):
            inv.add(account, "account_alias", acct["alias"])
        if acct.get("passwordPolicy"):
            inv.add(account, "password_policy", "password_policy")
        for kind, key in (("bucket", "buckets"), ("oidc_provider", "oidcProviders"), ("saml_provider", "samlProviders")):
            for name in acct.get(key) or {}:
                inv.add(account, kind, name)  # the generated configuration has none: any is an orphan
    return inv


def moto_clients(url, accounts):
    import boto3
    from botocore.config import Config
    session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="testing",
                                    region_name="us-east-1")
    clients = {}
    for account in accounts:
        client = session.client("iam", endpoint_url=url, config=Config(retries={"max_attempts": 5, "mode": "standard"}))

        def header(request, _account=account, **_):
            request.headers["x-moto-account-id"] = _account  # moto's recipe B: the header picks the account
        client.meta.events.register("before-sign.iam.*", header)
        clients[account] = client
    return clients


def _pages(client, op, key, **kwargs):
    out = []
    for page in client.get_paginator(op).paginate(**kwargs):
        out += page.get(key, [])
    return out


def moto_inventory(url, accounts):
    """What moto holds in each account (read directly, never through the fault proxy)."""
    inv = Inventory()
    for account, iam in moto_clients(url, accounts).items():
        missing = iam.exceptions.NoSuchEntityException
        for u in _pages(iam, "list_users", "Users"):
            name = u["UserName"]
            inv.add(account, "user", name)
            for k in _pages(iam, "list_access_keys", "AccessKeyMetadata", UserName=name):
                inv.add(account, "access_key", k["AccessKeyId"])
            try:
                iam.get_login_profile(UserName=name)
                inv.add(account, "login_profile", name)
            except missing:
                pass
            for g in _pages(iam, "list_groups_for_user", "Groups", UserName=name):
                inv.add(account, "user_group_membership", (name, g["GroupName"]))
            for p in _pages(iam, "list_attached_user_policies", "AttachedPolicies", UserName=name):
                inv.add(account, "user_policy_attachment", (name, p["PolicyArn"]))
            for p in _pages(iam, "list_user_policies", "PolicyNames", UserName=name):
                inv.add(account, "user_inline_policy", (name, p))
        for g in _pages(iam, "list_groups", "Groups"):
            name = g["GroupName"]
            inv.add(account, "group", name)
            for p in _pages(iam, "list_attached_group_policies", "AttachedPolicies", GroupName=name):
                inv.add(account, "group_policy_attachment", (name, p["PolicyArn"]))
            for p in _pages(iam, "list_group_policies", "PolicyNames", GroupName=name):
                inv.add(account, "group_inline_policy", (name, p))
        for r in _pages(iam, "list_roles", "Roles"):
            name = r["RoleName"]
            inv.add(account, "role", name)
            for p in _pages(iam, "list_attached_role_policies", "AttachedPolicies", RoleName=name):
                inv.add(account, "role_policy_attachment", (name, p["PolicyArn"]))
            for p in _pages(iam, "list_role_policies", "PolicyNames", RoleName=name):
                inv.add(account, "role_inline_policy", (name, p))
        for p in _pages(iam, "list_policies", "Policies", Scope="Local"):
            inv.add(account, "policy", p["PolicyName"])
        for p in _pages(iam, "list_instance_profiles", "InstanceProfiles"):
            inv.add(account, "instance_profile", p["InstanceProfileName"])
            for r in p.get("Roles") or []:
                inv.add(account, "instance_profile_role", (p["InstanceProfileName"], r["RoleName"]))
        for alias in iam.list_account_aliases().get("AccountAliases", []):
            inv.add(account, "account_alias", alias)
        try:
            iam.get_account_password_policy()
            inv.add(account, "password_policy", "password_policy")
        except missing:
            pass
    return inv


def compare(state, backend, limit=25):
    """Counts and examples of everything that keeps state and backend apart."""
    orphans = sorted(backend.objects - state.objects)
    missing = sorted(state.objects - backend.objects)
    keys = sorted(f"{a} access_key {k}" for (a, kind, k) in backend.objects
                  if kind == "access_key" and not state.key_secret.get((a, k)))
    profiles = sorted(f"{a} login_profile {u}" for (a, kind, u) in backend.objects
                      if kind == "login_profile" and not state.profile_password.get((a, u)))
    by_kind = {}
    for _a, kind, _k in orphans:
        by_kind[kind] = by_kind.get(kind, 0) + 1
    return {
        "backend_objects": len(backend.objects), "state_objects": len(state.objects),
        "orphans": len(orphans), "orphans_by_kind": by_kind, "missing": len(missing),
        "keys_without_secret": len(keys), "login_profiles_without_password": len(profiles),
        "unchecked_state_types": state.unchecked,
        "unreadable": [u for u in (state.unreadable, backend.unreadable) if u],
        "examples": {"orphans": [" ".join(o) for o in orphans[:limit]], "missing": [" ".join(m) for m in missing[:limit]],
                     "keys_without_secret": keys[:limit], "login_profiles_without_password": profiles[:limit]},
    }


FIGURES = ("orphans", "missing", "keys_without_secret", "login_profiles_without_password")


def _control_result(expected, diff):
    found = {key: diff[key] for key in FIGURES}
    return {"expected": expected, "found": found, "caught": found == expected}


def _state_with_faults(trial, tmp):
    """A copy of the trial's state with one access key's secret blanked and one invented group added:
    the checker must report one more key without a secret and one missing object."""
    with open(trial.state) as f:
        state = json.load(f)
    key = next(r for r in state["resources"] if r["type"] == "access_key")
    key["secrets"] = {}
    state["resources"].append({"address": "control.group.converge-control-missing", "type": "group",
                               "account_id": key["account_id"], "attributes": {"name": "converge-control-missing"},
                               "outputs": {}, "secrets": {}, "dependencies": []})
    path = os.path.join(tmp, "control.state.json")
    with open(path, "w") as f:
        json.dump(state, f)
    return path, key["account_id"]


def world_control(trial):
    """Shows that the simulator comparison can fail: on copies of a converged trial's files, a user
    with a key and a login profile added to the world (3 orphans, 1 key and 1 profile without a
    secret), a state key's secret blanked (1 more key) and a group only the state knows (1 missing)."""
    tmp = os.path.join(trial.dir, "control")
    os.makedirs(tmp, exist_ok=True)
    state_path, account = _state_with_faults(trial, tmp)
    with open(trial.world) as f:
        world = json.load(f)
    world["world"]["accounts"][account]["users"]["converge-control"] = {
        "name": "converge-control", "accessKeys": [{"id": "AKIACONVERGECONTROL1", "status": "Active"}],
        "loginProfile": {"passwordResetRequired": False}, "groups": [], "attachedPolicies": [], "inlinePolicies": {}}
    world_path = os.path.join(tmp, "control.simulator.json")
    with open(world_path, "w") as f:
        json.dump(world, f)
    diff = compare(state_inventory(state_path), world_inventory(world_path))
    shutil.rmtree(tmp, ignore_errors=True)
    return _control_result({"orphans": 3, "missing": 1, "keys_without_secret": 2, "login_profiles_without_password": 1}, diff)


def moto_control(url, accounts):
    """The same for moto: the user, key and login profile are made in moto with boto3, then removed."""
    def control(trial):
        tmp = os.path.join(trial.dir, "control")
        os.makedirs(tmp, exist_ok=True)
        state_path, account = _state_with_faults(trial, tmp)
        iam = moto_clients(url, [account])[account]
        iam.create_user(UserName="converge-control")
        key = iam.create_access_key(UserName="converge-control")["AccessKey"]["AccessKeyId"]
        iam.create_login_profile(UserName="converge-control", Password="Converge-Control-1!")
        try:
            diff = compare(state_inventory(state_path), moto_inventory(url, accounts))
        finally:
            iam.delete_login_profile(UserName="converge-control")
            iam.delete_access_key(UserName="converge-control", AccessKeyId=key)
            iam.delete_user(UserName="converge-control")
            shutil.rmtree(tmp, ignore_errors=True)
        return _control_result({"orphans": 3, "missing": 1, "keys_without_secret": 2, "login_profiles_without_password": 1},
                               diff)
    return control


def clean(diff):
    return all(diff[key] == 0 for key in FIGURES) and not diff["unreadable"]


# ---------------------------------------------------------------------------------------------
# moto_server

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Moto:
    """A moto_server this script started (stopped by its own pid only)."""

    def __init__(self, log_path):
        if not shutil.which("moto_server"):
            raise RuntimeError("moto_server is not installed (pip install 'moto[server]==5.2.1')")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "MOTO_ACCOUNT_ID"}
        env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
                                     env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/moto-api/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"moto_server did not start on {self.url} (log: {log_path})")

    def reset(self):
        request = urllib.request.Request(self.url + "/moto-api/reset", method="POST")
        urllib.request.urlopen(request, timeout=60).read()

    def warm(self, accounts):
        """moto loads the AWS managed policies into an account on first use (about 1 s each):
        pay that before a trial, so the kill delays measured on a warm server still fit."""
        import boto3
        for client in moto_clients(self.url, accounts).values():
            client.list_policies(Scope="AWS", MaxItems=1)
        # The first STS calls after a reset cost moto seconds too (the caller's default account is
        # set up then): iamconf reaches each account by AssumeRole (moto's recipe A).
        sts = boto3.client("sts", endpoint_url=self.url, region_name="us-east-1",
                           aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="testing")
        sts.get_caller_identity()
        for account in accounts:
            sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/converge-warm", RoleSessionName="warm")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# ---------------------------------------------------------------------------------------------
# Campaigns

def generate(n, accounts, seed, out):
    if not os.path.isdir(os.path.join(out, "iamconf")):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate.py"), str(n), "--accounts", str(accounts),
                        "--seed", str(seed), "--out", out], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    ids = set()
    for path in glob.glob(os.path.join(out, "iamconf", "*.yaml")):
        with open(path) as f:
            ids.update(re.findall(r'^\s+id:\s*"?(\d{12})"?\s*$', f.read(), re.M))
    return os.path.join(out, "iamconf"), manifest, sorted(ids)


def kill_delays(total, k, rng):
    """K delays spread over [0, total]: one uniformly random point in each K-th (stratified)."""
    return [total * (i + rng.random()) / k for i in range(k)]


def kill_campaign(name, tool, config, k, rng, work, inventory, control, reset=None, keep=False, max_applies=5,
                  measure_runs=1):
    """Measures a full apply, then K trials: apply killed at a spread delay, ONE recovery apply, checks."""
    print(f"\n== {name}: measuring a full apply", flush=True)
    if reset:
        reset()
    # The window that matters starts when the apply writes its intent journal, just before its first
    # backend operation: a kill before that only interrupts reading and planning. It ends with the
    # fastest of the measured applies, so that load on the machine sends fewer kills in too late.
    fulls, starts = [], []
    for m in range(measure_runs):
        if reset and m:
            reset()
        base = Trial(work, f"{name}-measure", config)
        measured, first_write = run_watched(tool.apply_argv(base), base.log("apply"),
                                            [base.state + ".intent", base.state, base.world], env=tool.env)
        if measured.rc != 0:
            raise RuntimeError(f"the unfaulted apply failed (exit {measured.rc}); log: {measured.log}\n{measured.tail()}")
        fulls.append(measured.wall)
        starts.append(first_write if first_write is not None else 0.0)
        shutil.rmtree(base.dir, ignore_errors=True)
    full, start = min(fulls), statistics.median(starts)
    start = min(start, full)
    print(f"   full apply: {', '.join(f'{f:.2f}' for f in fulls)} s, first write at {start:.2f} s; {k} kills spread over "
          f"[{start:.2f}, {full:.2f}] s", flush=True)
    trials = []
    control_result = None
    for i, offset in enumerate(kill_delays(full - start, k, rng)):
        delay = start + offset
        t0 = time.monotonic()
        if reset:
            reset()
        trial = Trial(work, f"{name}-{i:02d}", config)
        landed, _wall, _rc = run_killed(tool.apply_argv(trial), trial.log("apply-0-killed"), delay, env=tool.env)
        after_kill = compare(state_inventory(trial.state), inventory(trial))
        recovery = tool.apply(trial, "apply-1")
        plan = tool.plan_refresh(trial)
        diff = compare(state_inventory(trial.state), inventory(trial))
        tmp = trial.leftovers()
        record = {
            "trial": i, "dir": trial.dir, "kill_delay_s": round(delay, 3), "kill_landed": landed,
            "after_kill": {key: after_kill[key] for key in ("orphans", "orphans_by_kind", "missing", "keys_without_secret",
                                                               "login_profiles_without_password", "state_objects")},
            "recovery_exit": recovery.rc, "recovery_s": round(recovery.wall, 3),
            "recovery_errors": errors(recovery.log) if recovery.rc != 0 else [],
            "recovery_adopted": adopted(recovery.log),
            "plan_refresh_exit": plan.rc, "check": diff, "tmp_files_left": tmp,
        }
        record["passed"] = recovery.rc == 0 and plan.rc == 0 and clean(diff) and not tmp
        record["seconds"] = round(time.monotonic() - t0, 1)
        if not record["passed"]:
            record["recovery_tail"] = recovery.tail()
            record["plan_tail"] = plan.tail(20)
            kept = trial.dir + "-as-left"
            shutil.copytree(trial.dir, kept, symlinks=True)
            record["kept_dir"] = kept
            # When the recovery apply failed: how many more runs would it take? (diagnostic only;
            # the kept copy is untouched)
            record["runs_to_converge"] = 1 if recovery.rc == 0 else None
            for n in range(2, max_applies + 1 if recovery.rc != 0 else 0):
                if tool.apply(trial, f"apply-{n}").rc == 0:
                    record["runs_to_converge"] = n
                    break
        else:
            record["runs_to_converge"] = 1
            if control_result is None:
                control_result = control(trial)
                print(f"   checker control on trial {i}: expected {control_result['expected']}, found "
                      f"{control_result['found']}: {'caught' if control_result['caught'] else 'NOT CAUGHT (the checker is broken)'}",
                      flush=True)
            if not keep:
                shutil.rmtree(trial.dir, ignore_errors=True)
        trials.append(record)
        print(f"   [{i:2d}] kill at {delay:6.2f} s ({'landed' if landed else 'too late'}); backend ahead of state by "
              f"{after_kill['orphans']:4d}; recovery exit {recovery.rc} (adopted {record['recovery_adopted']}), plan --refresh {plan.rc}, orphans {diff['orphans']}, "
              f"missing {diff['missing']}, keys w/o secret {diff['keys_without_secret']}, profiles w/o password "
              f"{diff['login_profiles_without_password']}" + ("" if record["passed"] else f"  FAILED: kept {record['kept_dir']}"),
              flush=True)
    return {"checker_control": control_result, "full_apply_s": round(full, 3), "measured_applies_s": [round(f, 3) for f in fulls], "first_write_s": round(start, 3), "trials": trials, "summary": summarize(trials)}


def loss_campaign(tool, config, rates, trials_per_rate, seed, work, moto, proxy, accounts, max_applies, keep=False):
    trials = []
    for rate in rates:
        for t in range(trials_per_rate):
            trial_seed = seed * 1000 + int(rate * 100) * 10 + t
            t0 = time.monotonic()
            moto.reset()
            moto.warm(accounts)
            trial = Trial(work, f"loss-{int(rate * 100):02d}-{t}", config)
            proxy.set_rate(rate, seed=trial_seed)
            proxy.reset_counts()
            runs = []
            converged = None
            for n in range(1, max_applies + 1):
                r = tool.apply(trial, f"apply-{n}")
                c = proxy.counts()
                proxy.reset_counts()
                with open(trial.log(f"apply-{n}-lost-answers"), "w") as f:
                    f.write("".join(call + "\n" for call in c["dropped_calls"]))
                runs.append({"exit": r.rc, "seconds": round(r.wall, 3), "requests": c["requests"], "dropped": c["dropped"],
                             "dropped_actions": c["dropped_actions"], "adopted": adopted(r.log),
                             "errors": errors(r.log) if r.rc != 0 else []})
                if r.rc == 0:
                    converged = n
                    break
            proxy.set_rate(0)
            plan = tool.plan_refresh(trial)
            diff = compare(state_inventory(trial.state), moto_inventory(moto.url, accounts))
            tmp = trial.leftovers()
            record = {"rate": rate, "trial": t, "seed": trial_seed, "dir": trial.dir, "runs": runs,
                      "runs_to_converge": converged, "plan_refresh_exit": plan.rc, "check": diff, "tmp_files_left": tmp}
            record["passed"] = converged is not None and converged <= 3 and plan.rc == 0 and clean(diff) and not tmp
            record["seconds"] = round(time.monotonic() - t0, 1)
            if not record["passed"]:
                record["last_apply_tail"] = Run(None, None, 0, trial.log(f"apply-{len(runs)}")).tail()
                record["plan_tail"] = plan.tail(20)
                record["kept_dir"] = trial.dir
            elif not keep:
                shutil.rmtree(trial.dir, ignore_errors=True)
            trials.append(record)
            drops = sum(r["dropped"] for r in runs)
            reqs = sum(r["requests"] for r in runs)
            print(f"   rate {rate:.0%} #{t}: exits {[r['exit'] for r in runs]} -> converged in "
                  f"{converged if converged else f'> {max_applies}'} run(s); {drops} of {reqs} answers lost; plan --refresh "
                  f"{plan.rc}; orphans {diff['orphans']}, missing {diff['missing']}, keys w/o secret "
                  f"{diff['keys_without_secret']}, profiles w/o password {diff['login_profiles_without_password']}"
                  + ("" if record["passed"] else f"  FAILED: kept {trial.dir}"), flush=True)
    by_rate = {}
    for rate in rates:
        group = [t for t in trials if t["rate"] == rate]
        by_rate[f"{rate:.2f}"] = summarize(group)
        by_rate[f"{rate:.2f}"]["answers_lost"] = sum(r["dropped"] for t in group for r in t["runs"])
        by_rate[f"{rate:.2f}"]["requests"] = sum(r["requests"] for t in group for r in t["runs"])
        actions = {}
        for t in group:
            for r in t["runs"]:
                for action, n in r["dropped_actions"].items():
                    actions[action] = actions.get(action, 0) + n
        by_rate[f"{rate:.2f}"]["answers_lost_by_action"] = dict(sorted(actions.items(), key=lambda kv: -kv[1]))
    return {"trials": trials, "by_rate": by_rate, "summary": summarize(trials)}


def errors(path, limit=5):
    """The `Error: ...` lines of a run's output (what made it exit non-zero), the first few."""
    try:
        with open(path, errors="replace") as f:
            lines = [line.rstrip() for line in f if line.startswith("Error")]
    except OSError:
        return []
    return lines[:limit] + ([f"... {len(lines) - limit} more"] if len(lines) > limit else [])


def adopted(path):
    """How many objects an apply adopted: its closing `Adopted N objects that already existed` line,
    else its per-resource `Adopted (it already existed)` lines."""
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except OSError:
        return 0
    summary = re.search(r"^Adopted (\d+) objects? that already existed", text, re.M)
    return int(summary.group(1)) if summary else text.count("Adopted (it already existed)")


def summarize(trials):
    def total(key):
        return sum(t["check"][key] for t in trials)
    runs = [t["runs_to_converge"] for t in trials]
    ahead = [t["after_kill"]["orphans"] for t in trials if "after_kill" in t]
    out = {
        "trials": len(trials), "passed": sum(t["passed"] for t in trials),
        "runs_to_converge_max": None if any(r is None for r in runs) or not runs else max(runs),
        "not_converged": sum(r is None for r in runs),
        "plan_refresh_not_clean": sum(t["plan_refresh_exit"] != 0 for t in trials),
        "orphans": total("orphans"), "missing": total("missing"), "keys_without_secret": total("keys_without_secret"),
        "login_profiles_without_password": total("login_profiles_without_password"),
        "tmp_files_left": sum(len(t["tmp_files_left"]) for t in trials),
        "failed_dirs": [t["kept_dir"] for t in trials if not t["passed"]],
    }
    if ahead:
        out["kills_landed"] = sum(t["kill_landed"] for t in trials)
        out["recovery_exit_0"] = sum(t["recovery_exit"] == 0 for t in trials)
        out["ahead_after_kill"] = {"trials_ahead": sum(a > 0 for a in ahead), "min": min(ahead),
                                   "median": statistics.median(ahead), "max": max(ahead)}
    return out


# ---------------------------------------------------------------------------------------------
# Report

def machine():
    def cmd(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return None
    return {"nproc": os.cpu_count(), "loadavg_start": os.getloadavg(), "commit": cmd(["git", "rev-parse", "HEAD"]),
            "dirty": bool(cmd(["git", "status", "--porcelain", "--untracked-files=no"]))}


def print_table(report):
    rows = []
    for key, label in (("sim", "simulator kills"), ("endpoint", "endpoint kills")):
        c = report.get(key)
        if c and "summary" in c:
            s = c["summary"]
            a = s.get("ahead_after_kill", {})
            rows.append((f"{label} (N={c['resources']}, full apply {c['full_apply_s']} s)", s["trials"],
                         f"{s['kills_landed']} landed; {a.get('trials_ahead')} left backend ahead "
                         f"(max {a.get('max')})", f"{s['recovery_exit_0']}/{s['trials']} in 1",
                         s["plan_refresh_not_clean"], s["orphans"], s["missing"], s["keys_without_secret"],
                         s["login_profiles_without_password"], s["tmp_files_left"]))
    c = report.get("loss")
    if c and "by_rate" in c:
        for rate, s in c["by_rate"].items():
            runs = [t["runs_to_converge"] for t in c["trials"] if f"{t['rate']:.2f}" == rate]
            rows.append((f"lost answers {float(rate):.0%} (N={c['resources']})", s["trials"],
                         f"{s['answers_lost']} of {s['requests']} answers lost "
                         f"({s['answers_lost_by_action'].get('CreateAccessKey', 0)} CreateAccessKey)",
                         "runs " + ",".join("-" if r is None else str(r) for r in runs),
                         s["plan_refresh_not_clean"], s["orphans"], s["missing"], s["keys_without_secret"],
                         s["login_profiles_without_password"], s["tmp_files_left"]))
    head = ("campaign", "trials", "faults", "converged", "plan!=0", "orphans", "missing", "key w/o secret",
            "profile w/o pw", ".tmp left")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    print()
    for r in [head] + rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))
    for key in ("sim", "endpoint"):
        if (report.get(key) or {}).get("trials") is None:
            continue
        control = report[key].get("checker_control")
        if not control:
            print(f"checker control ({key}): not run (no trial passed)")
        else:
            print(f"checker control ({key}): planted {control['expected']}, found {control['found']}: "
                  + ("caught" if control["caught"] else "NOT CAUGHT: the checker is broken"))
    failed = [d for key in ("sim", "endpoint", "loss") for d in (report.get(key) or {}).get("summary", {}).get("failed_dirs", [])]
    for key in ("sim", "endpoint", "loss"):
        if (report.get(key) or {}).get("error"):
            print(f"\n{key}: ERROR {report[key]['error']}")
    if failed:
        print("\nFailing trials kept for inspection:")
        for d in failed:
            print("  " + d)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("iamconf", help="a built iamconf binary (swift build -c release --static-swift-stdlib --product iamconf)")
    ap.add_argument("--sim-size", type=int, default=10000, help="resources in the simulator configuration")
    ap.add_argument("--sim-accounts", type=int, default=20)
    ap.add_argument("--sim-kills", type=int, default=20)
    ap.add_argument("--endpoint-size", type=int, default=500, help="resources in the moto configuration (300-1000)")
    ap.add_argument("--endpoint-accounts", type=int, default=2)
    ap.add_argument("--endpoint-kills", type=int, default=20)
    ap.add_argument("--loss-rates", default="0.10,0.15,0.20")
    ap.add_argument("--loss-trials", type=int, default=3, help="trials per loss rate")
    ap.add_argument("--max-applies", type=int, default=5, help="applies tried before a trial counts as not converged")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", default="sim,endpoint,loss", help="comma-separated campaigns to run")
    ap.add_argument("--keep", action="store_true", help="keep passing trials' directories too")
    ap.add_argument("--out", help="JSON report path (default bench-results/converge-DATE.json)")
    args = ap.parse_args(argv)
    exe = os.path.abspath(args.iamconf)
    if not os.access(exe, os.X_OK):
        ap.error(f"{exe} is not an executable")
    only = set(args.only.split(","))
    if only - {"sim", "endpoint", "loss"}:
        ap.error("--only takes sim, endpoint, loss")
    rates = [float(r) for r in args.loss_rates.split(",") if r]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    work = os.path.join(RESULTS, "converge-work", stamp)
    os.makedirs(work, exist_ok=True)
    out_path = args.out or os.path.join(RESULTS, f"converge-{stamp}.json")
    rng = random.Random(args.seed)
    report = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "binary": exe, "machine": machine(),
              "args": vars(args), "work": work}
    started = time.monotonic()
    tool_env = dict(os.environ, NO_COLOR="1", AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="testing",
                    AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1")
    tool_env.pop("AWS_SESSION_TOKEN", None)

    def save():
        report["seconds"] = round(time.monotonic() - started, 1)
        with open(out_path, "w") as f:
            json.dump(report, f, indent=1)

    if "sim" in only:
        t0 = time.monotonic()
        config, manifest, _ids = generate(args.sim_size, args.sim_accounts, args.seed,
                                          os.path.join(RESULTS, "work", f"converge-sim-{args.sim_size}-{args.sim_accounts}-{args.seed}"))
        tool = Tool(exe, ["--backend", "simulator"], tool_env)
        try:
            report["sim"] = kill_campaign("sim", tool, config, args.sim_kills, rng, work,
                                          lambda trial: world_inventory(trial.world), world_control, keep=args.keep,
                                          max_applies=args.max_applies, measure_runs=3)
        except RuntimeError as error:
            report["sim"] = {"error": str(error)}
        report["sim"]["resources"] = manifest["resources"]
        report["sim"]["seconds"] = round(time.monotonic() - t0, 1)
        save()

    if only & {"endpoint", "loss"}:
        config, manifest, ids = generate(args.endpoint_size, args.endpoint_accounts, args.seed,
                                         os.path.join(RESULTS, "work", f"converge-moto-{args.endpoint_size}-{args.endpoint_accounts}-{args.seed}"))
        accounts = ids + [DEFAULT_ACCOUNT]
        moto = Moto(os.path.join(work, "moto_server.log"))
        try:
            if "endpoint" in only:
                t0 = time.monotonic()
                tool = Tool(exe, ["--backend", "endpoint", "--endpoint-url", moto.url], tool_env)

                def reset():
                    moto.reset()
                    moto.warm(ids)
                try:
                    report["endpoint"] = kill_campaign("endpoint", tool, config, args.endpoint_kills, rng, work,
                                                       lambda trial: moto_inventory(moto.url, accounts),
                                                       moto_control(moto.url, accounts), reset=reset,
                                                       keep=args.keep, max_applies=args.max_applies, measure_runs=2)
                except RuntimeError as error:
                    report["endpoint"] = {"error": str(error)}
                report["endpoint"]["resources"] = manifest["resources"]
                report["endpoint"]["seconds"] = round(time.monotonic() - t0, 1)
                save()
            if "loss" in only:
                t0 = time.monotonic()
                proxy = fault_proxy.FaultProxy(moto.port).start()
                try:
                    print(f"\n== lost answers through {proxy.url} -> {moto.url}", flush=True)
                    tool = Tool(exe, ["--backend", "endpoint", "--endpoint-url", proxy.url], tool_env)
                    report["loss"] = loss_campaign(tool, config, rates, args.loss_trials, args.seed, work, moto, proxy,
                                                   accounts, args.max_applies, keep=args.keep)
                finally:
                    proxy.stop()
                report["loss"]["resources"] = manifest["resources"]
                report["loss"]["seconds"] = round(time.monotonic() - t0, 1)
                save()
        finally:
            moto.stop()

    save()
    print_table(report)
    print(f"\n{report['seconds']} s in all; JSON: {out_path}")
    failed = any((report.get(k) or {}).get("summary", {}).get("failed_dirs") or (report.get(k) or {}).get("error")
                 or ((report.get(k) or {}).get("checker_control") or {"caught": True})["caught"] is False
                 for k in ("sim", "endpoint", "loss"))
    if not failed and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
