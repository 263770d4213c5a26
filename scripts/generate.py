#!/usr/bin/env python3
"""Writes a synthetic iamconf configuration of exactly N resources, and its Terraform twin.

A resource is one addressable object of the plan: users, groups, roles, customer managed
policies, memberships, attachments, inline policies, login profiles, access keys, instance
profiles and their role membership, account aliases and password policies.

Output (OUT defaults to bench-results/work/N):
  OUT/iamconf/            several YAML files per account (account, policies, groups, users, roles)
  OUT/iamconf-changed/    the same configuration with 1% of the resources modified
  OUT/terraform/          terraform_data resources, same count and dependency shape (one .tf per account)
  OUT/terraform-changed/  the Terraform twin of iamconf-changed
  OUT/manifest.json       counts by type, the total, and the changed addresses

The output is a pure function of (N, --accounts, --seed): the same arguments give the same bytes.
Usage: scripts/generate.py N [--accounts 20] [--seed 1] [--out DIR] [--no-secrets]
"""

import argparse
import json
import os
import random
import shutil
import sys

AWS_MANAGED = [
    "ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "IAMUserChangePassword",
    "CloudWatchReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess", "AmazonSQSReadOnlyAccess", "SecurityAudit",
]
SERVICES = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com"]
TEAMS = ["platform", "payments", "search", "data", "identity", "mobile", "web", "infra"]
REGIONS = ["us-east-1", "eu-west-1"]


# ---------------------------------------------------------------------------------------------
# Model: plain dicts, built deterministically, then optionally mutated (the 1% change).

def policy_document(rng, account_ref, index, statements=3):
    """A customer managed policy document: several statements with conditions and policy variables."""
    team = TEAMS[index % len(TEAMS)]
    bucket = f"data-{team}-{index:05d}"
    out = [
        {
            "Sid": "ReadWriteBucket",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
            "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/home/${{aws:username}}/*"],
            "Condition": {
                "StringEquals": {"aws:PrincipalTag/team": team},
                "Bool": {"aws:SecureTransport": "true"},
            },
        },
        {
            "Sid": "TableAccess",
            "Effect": "Allow",
            "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
            "Resource": f"arn:aws:dynamodb:us-east-1:{account_ref}:table/{team}-{index:05d}",
            "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}},
        },
        {
            "Sid": "DenyOutsideRegions",
            "Effect": "Deny",
            "NotAction": ["iam:*", "sts:*", "cloudfront:*"],
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:RequestedRegion": REGIONS}},
        },
        {
            "Sid": "QueueSend",
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Resource": f"arn:aws:sqs:*:{account_ref}:{team}-*",
            "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"},
                          "NumericLessThanEquals": {"aws:MultiFactorAuthAge": "3600"}},
        },
    ]
    return {"Version": "2012-10-17", "Statement": out[:statements]}


def inline_document(index, kind):
    """A small inline policy (user inline policies must stay under 2,048 characters)."""
    team = TEAMS[index % len(TEAMS)]
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Logs",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": f"arn:aws:logs:us-east-1:*:log-group:/{kind}/{team}/*",
            },
            {
                "Sid": "OwnSecrets",
                "Effect": "Allow",
                "Action": "secretsmanager:GetSecretValue",
                "Resource": "*",
                "Condition": {"StringEquals": {"secretsmanager:ResourceTag/owner": "${aws:username}"}},
            },
        ],
    }


class Budget:
    """Counts the resources an account may still take, so the total is exactly N."""

    def __init__(self, total):
        self.left = total

    def take(self, n=1):
        if self.left >= n:
            self.left -= n
            return True
        return False


def build_account(rng, a, name, budget_total, accounts, secrets=True):
    """One account's entities; every sub-resource is charged to the budget."""
    b = Budget(budget_total)
    acct = {"name": name, "id": f"{100000000000 + a:012d}", "users": [], "groups": [], "roles": [],
            "policies": [], "profiles": []}
    acct["alias"] = f"bench-{name}" if b.take() else None
    acct["password_policy"] = b.take()
    n_pol = max(1, round(budget_total * 0.05))
    n_grp = max(1, round(budget_total * 0.015))
    n_role = max(1, round(budget_total * 0.05))
    for i in range(n_pol):
        if not b.take():
            break
        acct["policies"].append({
            "name": f"{TEAMS[i % len(TEAMS)]}-access-{i:05d}", "path": "/bench/",
            "description": f"Access for team {TEAMS[i % len(TEAMS)]}, set {i}",
            "statements": 2 + i % 3, "index": i, "extra_action": None,
        })
    pols = [p["name"] for p in acct["policies"]]
    for i in range(n_grp):
        if not b.take():
            break
        g = {"name": f"grp-{TEAMS[i % len(TEAMS)]}-{i:04d}", "path": "/", "policies": [], "inline": [], "members": []}
        for pol in (pols[i % len(pols)] if pols else None, AWS_MANAGED[i % len(AWS_MANAGED)]):
            if pol and b.take():
                g["policies"].append(pol)
        if i % 2 == 0 and b.take():
            g["inline"].append({"name": "GroupLogs", "index": i, "extra_action": None})
        acct["groups"].append(g)
    for i in range(n_role):
        if not b.take():
            break
        r = {"name": f"role-{TEAMS[i % len(TEAMS)]}-{i:05d}", "path": "/service/" if i % 5 == 0 else "/",
             "description": f"Role {i} for {TEAMS[i % len(TEAMS)]}", "kind": i % 5, "policies": [], "inline": [],
             "index": i, "trust_users": []}
        choices = [pols[(i * 7) % len(pols)] if pols else None, AWS_MANAGED[(i + 3) % len(AWS_MANAGED)]]
        for pol in choices[: 1 + i % 2]:
            if pol and b.take():
                r["policies"].append(pol)
        if i % 3 == 0 and b.take():
            r["inline"].append({"name": "RoleLogs", "index": i, "extra_action": None})
        acct["roles"].append(r)
        if r["kind"] == 0 and b.left >= 2 and i % 2 == 0:
            b.take(2)
            acct["profiles"].append({"name": f"profile-{r['name']}", "role": r["name"]})
    groups = [g["name"] for g in acct["groups"]]
    i = 0
    while b.take():
        u = {"name": f"user-{TEAMS[i % len(TEAMS)]}-{i:05d}", "path": f"/{TEAMS[i % len(TEAMS)]}/",
             "tags": {"team": TEAMS[i % len(TEAMS)], "cost-center": f"cc-{i % 97:03d}"}, "groups": [],
             "policies": [], "inline": [], "login": False, "keys": 0,
             "boundary": pols[i % len(pols)] if pols and i % 10 == 0 else None, "index": i}
        for g in rng.sample(groups, min(len(groups), 1 + rng.randrange(3))):
            if b.take():
                u["groups"].append(g)
        if rng.random() < 0.33 and b.take():
            u["policies"].append(pols[rng.randrange(len(pols))] if pols and rng.random() < 0.5 else rng.choice(AWS_MANAGED))
        if rng.random() < 0.25 and b.take():
            u["inline"].append({"name": "SelfService", "index": i, "extra_action": None})
        # Drawn even without secrets, so both variants pick the same names, groups and policies.
        wants_login, wants_key = rng.random() < 0.5, rng.random() < 0.33
        if secrets and wants_login and b.take():
            u["login"] = True
        if secrets and wants_key and b.take():
            u["keys"] = 1
        acct["users"].append(u)
        i += 1
    # Half the memberships are written on the group (members:), half on the user (groups:).
    by_name = {g["name"]: g for g in acct["groups"]}
    for u in acct["users"]:
        if u["index"] % 2 == 1:
            for g in u["groups"]:
                by_name[g]["members"].append(u["name"])
    return acct


def link_trust(rng, accounts):
    """Cross-account trust: kind 3 roles trust a user of the previous account (a real dependency)."""
    for a, acct in enumerate(accounts):
        prev = accounts[a - 1]
        for r in acct["roles"]:
            if r["kind"] == 3 and prev["users"]:
                r["trust_users"] = [(prev["name"], prev["users"][r["index"] % len(prev["users"])]["name"])]


def build(n, n_accounts, seed, secrets=True):
    rng = random.Random(seed)
    n_accounts = max(1, min(n_accounts, n // 40))
    names = [f"acct{a + 1:02d}" for a in range(n_accounts)]
    accounts = []
    for a, name in enumerate(names):
        share = n // n_accounts + (1 if a < n % n_accounts else 0)
        accounts.append(build_account(rng, a + 1, name, share, names, secrets))
    link_trust(rng, accounts)
    return accounts


def mutate(accounts, fraction=0.01):
    """Changes 1% of the resources in place (updates, no replacements): tags, documents, descriptions."""
    candidates = []
    for acct in accounts:
        for p in acct["policies"]:
            candidates.append(("policy", acct, p))
        for r in acct["roles"]:
            candidates.append(("role", acct, r))
            for ip in r["inline"]:
                candidates.append(("role_inline", acct, (r, ip)))
        for u in acct["users"]:
            candidates.append(("user", acct, u))
            for ip in u["inline"]:
                candidates.append(("user_inline", acct, (u, ip)))
    total = sum(count_account(a) for a in accounts)
    want = max(1, round(total * fraction))
    stride = max(1, len(candidates) // want)
    changed = []
    for kind, acct, obj in candidates[::stride][:want]:
        if kind == "policy":
            obj["extra_action"] = "s3:GetObjectVersion"
            changed.append(f"{acct['name']}.policy.{obj['name']}")
        elif kind == "role":
            obj["description"] += " (changed)"
            changed.append(f"{acct['name']}.role.{obj['name']}")
        elif kind == "user":
            obj["tags"]["cost-center"] = "cc-changed"
            changed.append(f"{acct['name']}.user.{obj['name']}")
        else:
            owner, ip = obj
            ip["extra_action"] = "logs:DescribeLogStreams"
            entity = "role" if kind == "role_inline" else "user"
            changed.append(f"{acct['name']}.{entity}.{owner['name']}.inline[{ip['name']}]")
    return changed


def count_account(acct):
    n = (1 if acct["alias"] else 0) + (1 if acct["password_policy"] else 0) + len(acct["policies"])
    n += sum(1 + len(g["policies"]) + len(g["inline"]) for g in acct["groups"])
    n += sum(1 + len(r["policies"]) + len(r["inline"]) for r in acct["roles"])
    n += 2 * len(acct["profiles"])
    n += sum(1 + len(u["groups"]) + len(u["policies"]) + len(u["inline"]) + u["login"] + u["keys"] for u in acct["users"])
    return n


def counts_by_type(accounts):
    c = {}
    def add(k, v):
        c[k] = c.get(k, 0) + v
    for a in accounts:
        add("account_alias", 1 if a["alias"] else 0)
        add("password_policy", 1 if a["password_policy"] else 0)
        add("policy", len(a["policies"]))
        add("group", len(a["groups"]))
        add("group_policy_attachment", sum(len(g["policies"]) for g in a["groups"]))
        add("group_inline_policy", sum(len(g["inline"]) for g in a["groups"]))
        add("role", len(a["roles"]))
        add("role_policy_attachment", sum(len(r["policies"]) for r in a["roles"]))
        add("role_inline_policy", sum(len(r["inline"]) for r in a["roles"]))
        add("instance_profile", len(a["profiles"]))
        add("instance_profile_role", len(a["profiles"]))
        add("user", len(a["users"]))
        add("user_group_membership", sum(len(u["groups"]) for u in a["users"]))
        add("user_policy_attachment", sum(len(u["policies"]) for u in a["users"]))
        add("user_inline_policy", sum(len(u["inline"]) for u in a["users"]))
        add("login_profile", sum(1 for u in a["users"] if u["login"]))
        add("access_key", sum(u["keys"] for u in a["users"]))
    return c


# ---------------------------------------------------------------------------------------------
# Rendering shared by both outputs: documents with references resolved for one or the other.

def policy_doc(acct, p, ref):
    doc = policy_document(None, ref, p["index"], p["statements"])
    if p["extra_action"]:
        doc["Statement"][0]["Action"].append(p["extra_action"])
    return doc


def inline_doc(ip, kind):
    doc = inline_document(ip["index"], kind)
    if ip["extra_action"]:
        doc["Statement"][0]["Action"].append(ip["extra_action"])
    return doc


def trust_document(acct, r, accounts_by_name, for_terraform):
    """The trust policy; for YAML the shorthand where the language has one, for Terraform the expansion."""
    names = list(accounts_by_name)
    nxt = names[(names.index(acct["name"]) + 1) % len(names)]
    kind = r["kind"]
    if kind == 0:
        return {"services": [SERVICES[r["index"] % 2]]}
    if kind == 1:
        return {"accounts": [nxt], "require_mfa": True}
    if kind == 2:
        return {"accounts": [f"${{accounts.{nxt}.id}}" if not for_terraform else accounts_by_name[nxt]["id"]],
                "external_id": f"partner-{r['index']:05d}"}
    if kind == 3:
        if not r["trust_users"]:
            return {"accounts": [nxt]}
        (pa, pu) = r["trust_users"][0]
        return {"principals": [f"${{accounts.{pa}.users.{pu}.arn}}"], "external_id": f"bench-{r['index']:05d}"}
    return {"policy": {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": f"${{accounts.{acct['name']}.id}}"
                                           if not for_terraform else acct["id"]}},
        }],
    }}


# ---------------------------------------------------------------------------------------------
# YAML output. Strings are written as JSON strings, which YAML reads as double-quoted scalars.

def q(s):
    return json.dumps(s)


def yaml_value(v, indent):
    """Block-style YAML for mappings, flow style for short scalar lists."""
    pad = " " * indent
    if isinstance(v, dict):
        lines = []
        for k, x in v.items():
            if isinstance(x, (dict, list)) and not is_flow(x):
                lines.append(f"{pad}{q(k) if needs_quote(k) else k}:")
                lines.append(yaml_value(x, indent + 2))
            else:
                lines.append(f"{pad}{q(k) if needs_quote(k) else k}: {flow(x)}")
        return "\n".join(lines)
    if isinstance(v, list):
        lines = []
        for x in v:
            if isinstance(x, dict):
                body = yaml_value(x, indent + 2)
                lines.append(f"{pad}- {body.lstrip()}")
            else:
                lines.append(f"{pad}- {flow(x)}")
        return "\n".join(lines)
    return pad + flow(v)


def is_flow(x):
    return isinstance(x, list) and all(not isinstance(e, (dict, list)) for e in x)


def needs_quote(k):
    return any(c in k for c in ":/{}[],&*#?|<>=!%@`'\"") or k[:1] in "-"


def flow(x):
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, str):
        return q(x)
    if isinstance(x, list):
        return "[" + ", ".join(flow(e) for e in x) + "]"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{q(k)}: {flow(e)}" for k, e in x.items()) + "}"
    raise TypeError(type(x))


def write_yaml(path, root):
    with open(path, "w") as f:
        f.write("# Generated by scripts/generate.py; do not edit.\n")
        f.write(yaml_value(root, 0))
        f.write("\n")


def yaml_account_files(acct, accounts_by_name, out_dir):
    n = acct["name"]
    header = {"id": acct["id"]}
    if acct["alias"]:
        header["alias"] = acct["alias"]
    if acct["password_policy"]:
        header["password_policy"] = {"minimum_length": 14, "require_symbols": True, "require_numbers": True,
                                     "max_age_days": 90, "reuse_prevention": 24}
    write_yaml(os.path.join(out_dir, f"{n}-0-account.yaml"), {"accounts": {n: header}})
    ref = f"${{accounts.{n}.id}}"
    policies = {p["name"]: {"path": p["path"], "description": p["description"], "document": policy_doc(acct, p, ref)}
                for p in acct["policies"]}
    write_yaml(os.path.join(out_dir, f"{n}-1-policies.yaml"), {"accounts": {n: {"policies": policies}}})
    groups = {}
    for g in acct["groups"]:
        body = {"path": g["path"]}
        if g["members"]:
            body["members"] = g["members"]
        if g["policies"]:
            body["policies"] = g["policies"]
        if g["inline"]:
            body["inline_policies"] = {ip["name"]: inline_doc(ip, "group") for ip in g["inline"]}
        groups[g["name"]] = body
    write_yaml(os.path.join(out_dir, f"{n}-2-groups.yaml"), {"accounts": {n: {"groups": groups}}})
    users = {}
    for u in acct["users"]:
        body = {"path": u["path"], "tags": dict(u["tags"])}
        if u["groups"] and u["index"] % 2 == 0:
            body["groups"] = u["groups"]
        if u["policies"]:
            body["policies"] = u["policies"]
        if u["inline"]:
            body["inline_policies"] = {ip["name"]: inline_doc(ip, "user") for ip in u["inline"]}
        if u["boundary"]:
            body["permissions_boundary"] = u["boundary"]
        if u["login"]:
            body["login_profile"] = {"password_reset_required": True}
        if u["keys"]:
            body["access_keys"] = u["keys"]
        users[u["name"]] = body
    write_yaml(os.path.join(out_dir, f"{n}-3-users.yaml"), {"accounts": {n: {"users": users}}})
    roles = {}
    for r in acct["roles"]:
        body = {"path": r["path"], "description": r["description"], "max_session_duration": 3600 * (1 + r["index"] % 4),
                "tags": {"team": TEAMS[r["index"] % len(TEAMS)]}}
        trust = trust_document(acct, r, accounts_by_name, False)
        if "policy" in trust:
            body["trust_policy"] = trust["policy"]
        else:
            body["trust"] = trust
        if r["policies"]:
            body["policies"] = r["policies"]
        if r["inline"]:
            body["inline_policies"] = {ip["name"]: inline_doc(ip, "role") for ip in r["inline"]}
        roles[r["name"]] = body
    profiles = {p["name"]: {"path": "/", "role": p["role"]} for p in acct["profiles"]}
    body = {"roles": roles}
    if profiles:
        body["instance_profiles"] = profiles
    write_yaml(os.path.join(out_dir, f"{n}-4-roles.yaml"), {"accounts": {n: body}})


# ---------------------------------------------------------------------------------------------
# Terraform output: one terraform_data per resource; references give the same dependency graph.

def hcl_string(s):
    return json.dumps(s).replace("${", "$${").replace("%{", "%%{")


def tf_name(address):
    out = []
    for c in address:
        out.append(c if c.isalnum() or c in "_-" else "_")
    return "r_" + "".join(out)


def resolve_refs(doc, accounts_by_name):
    """Terraform gets the resolved values: account ids and user ARNs as literal text."""
    text = json.dumps(doc)
    for name, a in accounts_by_name.items():
        text = text.replace(f"${{accounts.{name}.id}}", a["id"])
    return json.loads(text)


class TFWriter:
    def __init__(self, f):
        self.f = f

    def resource(self, address, attrs, deps):
        """`deps` are addresses; each becomes a reference to the dependency's stable id."""
        lines = [f'resource "terraform_data" "{tf_name(address)}" {{', "  input = {"]
        for k, v in attrs.items():
            lines.append(f"    {k} = {hcl_string(v if isinstance(v, str) else json.dumps(v, separators=(',', ':')))}")
        for i, d in enumerate(deps):
            lines.append(f"    dep{i} = terraform_data.{tf_name(d)}.id")
        lines.append("  }")
        lines.append("}")
        self.f.write("\n".join(lines) + "\n\n")


def terraform_account_file(acct, accounts_by_name, out_dir):
    n = acct["name"]
    arn = lambda kind, path, name: f"arn:aws:iam::{acct['id']}:{kind}{path}{name}"
    pol_arn = {p["name"]: arn("policy", p["path"], p["name"]) for p in acct["policies"]}
    def pol_target(name):
        return pol_arn.get(name, f"arn:aws:iam::aws:policy/{name}")
    def pol_deps(name):
        return [f"{n}.policy.{name}"] if name in pol_arn else []
    with open(os.path.join(out_dir, f"{n}.tf"), "w") as f:
        w = TFWriter(f)
        if acct["alias"]:
            w.resource(f"{n}.alias", {"alias": acct["alias"]}, [])
        if acct["password_policy"]:
            w.resource(f"{n}.password_policy", {"minimum_length": "14"}, [])
        for p in acct["policies"]:
            doc = resolve_refs(policy_doc(acct, p, acct["id"]), accounts_by_name)
            w.resource(f"{n}.policy.{p['name']}", {"name": p["name"], "path": p["path"], "description": p["description"],
                                                    "document": doc}, [])
        for g in acct["groups"]:
            ga = f"{n}.group.{g['name']}"
            w.resource(ga, {"name": g["name"], "path": g["path"]}, [])
            for pol in g["policies"]:
                w.resource(f"{ga}.policy[{pol}]", {"group": g["name"], "policy_arn": pol_target(pol)}, [ga] + pol_deps(pol))
            for ip in g["inline"]:
                w.resource(f"{ga}.inline[{ip['name']}]", {"name": ip["name"], "document": inline_doc(ip, "group")}, [ga])
        for u in acct["users"]:
            ua = f"{n}.user.{u['name']}"
            boundary = [] if not u["boundary"] else pol_deps(u["boundary"])
            w.resource(ua, {"name": u["name"], "path": u["path"], "tags": u["tags"],
                            "permissions_boundary": pol_target(u["boundary"]) if u["boundary"] else ""}, boundary)
            for g in u["groups"]:
                w.resource(f"{ua}.group[{g}]", {"user": u["name"], "group": g}, [ua, f"{n}.group.{g}"])
            for pol in u["policies"]:
                w.resource(f"{ua}.policy[{pol}]", {"user": u["name"], "policy_arn": pol_target(pol)}, [ua] + pol_deps(pol))
            for ip in u["inline"]:
                w.resource(f"{ua}.inline[{ip['name']}]", {"name": ip["name"], "document": inline_doc(ip, "user")}, [ua])
            if u["login"]:
                w.resource(f"{ua}.login_profile", {"user": u["name"], "password_reset_required": "true"}, [ua])
            for k in range(u["keys"]):
                w.resource(f"{ua}.access_key[{k + 1}]", {"user": u["name"]}, [ua])
        for r in acct["roles"]:
            ra = f"{n}.role.{r['name']}"
            trust = trust_document(acct, r, accounts_by_name, True)
            deps = [f"{pa}.user.{pu}" for (pa, pu) in r["trust_users"]] if r["kind"] == 3 else []
            w.resource(ra, {"name": r["name"], "path": r["path"], "description": r["description"],
                            "assume_role_policy": resolve_refs(trust, accounts_by_name)}, deps)
            for pol in r["policies"]:
                w.resource(f"{ra}.policy[{pol}]", {"role": r["name"], "policy_arn": pol_target(pol)}, [ra] + pol_deps(pol))
            for ip in r["inline"]:
                w.resource(f"{ra}.inline[{ip['name']}]", {"name": ip["name"], "document": inline_doc(ip, "role")}, [ra])
        for p in acct["profiles"]:
            pa = f"{n}.instance_profile.{p['name']}"
            w.resource(pa, {"name": p["name"]}, [])
            w.resource(f"{pa}.role[{p['role']}]", {"profile": p["name"], "role": p["role"]}, [pa, f"{n}.role.{p['role']}"])


def write_all(accounts, root, suffix):
    by_name = {a["name"]: a for a in accounts}
    ydir = os.path.join(root, "iamconf" + suffix)
    tdir = os.path.join(root, "terraform" + suffix)
    for d in (ydir, tdir):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    for acct in accounts:
        yaml_account_files(acct, by_name, ydir)
        terraform_account_file(acct, by_name, tdir)
    with open(os.path.join(tdir, "versions.tf"), "w") as f:
        f.write('terraform {\n  required_version = ">= 1.4"\n}\n')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of resources")
    ap.add_argument("--accounts", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-secrets", action="store_true",
                    help="no login profiles or access keys (resources whose secrets iamconf saves one by one)")
    args = ap.parse_args(argv)
    if args.n < 40:
        ap.error("N must be at least 40")
    out = args.out or os.path.join("bench-results", "work", str(args.n))
    os.makedirs(out, exist_ok=True)
    accounts = build(args.n, args.accounts, args.seed, secrets=not args.no_secrets)
    write_all(accounts, out, "")
    changed = mutate(accounts)
    write_all(accounts, out, "-changed")
    counts = counts_by_type(accounts)
    manifest = {"resources": sum(counts.values()), "accounts": len(accounts), "seed": args.seed,
                "secrets": not args.no_secrets,
                "by_type": counts, "changed": changed}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    assert manifest["resources"] == args.n, (manifest["resources"], args.n)
    print(f"wrote {args.n} resources in {len(accounts)} accounts to {out} ({len(changed)} changed in -changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
