#!/usr/bin/env python3
"""The plain sequential boto3 baseline for apply throughput against moto_server.

Reads a configuration written by scripts/generate.py (untimed), then makes one IAM call per
resource, in dependency order, one after another, and prints one JSON line:
{"calls": N, "seconds": S, "calls_per_s": R}. Accounts are reached the AWS way (sts:AssumeRole into
each account, moto's recipe A), like iamconf's endpoint backend.

Usage: scripts/moto_baseline.py CONFIG_DIR --endpoint http://127.0.0.1:PORT
"""

import argparse
import glob
import json
import os
import re
import sys
import time

import boto3
import yaml


def load(config_dir):
    """Merges the generated files the way iamconf does: accounts by name, keys per account."""
    accounts = {}
    for path in sorted(glob.glob(os.path.join(config_dir, "*.yaml"))):
        with open(path) as f:
            doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        for name, body in (doc.get("accounts") or {}).items():
            merged = accounts.setdefault(name, {})
            for key, value in body.items():
                if isinstance(value, dict) and isinstance(merged.get(key), dict):
                    merged[key].update(value)
                else:
                    merged[key] = value
    return accounts


REF = re.compile(r"\$\{accounts\.([^.}]+)\.(id|users)(?:\.([^.}]+)\.arn)?\}")


def resolve(value, accounts):
    """Resolves ${accounts.X.id} and ${accounts.X.users.U.arn}; IAM policy variables stay."""
    if isinstance(value, str):
        def sub(m):
            acct = accounts[m.group(1)]
            if m.group(2) == "id":
                return acct["id"]
            user = acct["users"][m.group(3)]
            return f"arn:aws:iam::{acct['id']}:user{user.get('path', '/')}{m.group(3)}"
        return REF.sub(sub, value)
    if isinstance(value, list):
        return [resolve(v, accounts) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v, accounts) for k, v in value.items()}
    return value


def trust_document(trust, accounts):
    """The language's trust shorthand expanded into a trust policy."""
    principal, condition = {}, {}
    ids = [accounts[a]["id"] if a in accounts else a for a in resolve(trust.get("accounts", []), accounts)]
    aws = [f"arn:aws:iam::{i}:root" for i in ids] + resolve(trust.get("principals", []), accounts)
    if aws:
        principal["AWS"] = aws
    if trust.get("services"):
        principal["Service"] = trust["services"]
    if trust.get("require_mfa"):
        condition.setdefault("Bool", {})["aws:MultiFactorAuthPresent"] = "true"
    if trust.get("external_id"):
        condition.setdefault("StringEquals", {})["sts:ExternalId"] = trust["external_id"]
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


def policy_arn(name, account, body):
    if name.startswith("arn:"):
        return name
    if name in (body.get("policies") or {}):
        path = body["policies"][name].get("path", "/")
        return f"arn:aws:iam::{account}:policy{path}{name}"
    return f"arn:aws:iam::aws:policy/{name}"


def plan_calls(accounts):
    """(account name, operation, kwargs) in dependency order, one per resource."""
    calls = []
    for name, body in accounts.items():
        acct = body["id"]
        doc = lambda d: json.dumps(resolve(d, accounts))
        if body.get("alias"):
            calls.append((name, "create_account_alias", {"AccountAlias": body["alias"]}))
        if body.get("password_policy"):
            calls.append((name, "update_account_password_policy", {"MinimumPasswordLength": 14}))
        for pol, p in (body.get("policies") or {}).items():
            calls.append((name, "create_policy", {"PolicyName": pol, "Path": p.get("path", "/"),
                                                  "Description": p.get("description", ""), "PolicyDocument": doc(p["document"])}))
        groups = body.get("groups") or {}
        for g, spec in groups.items():
            calls.append((name, "create_group", {"GroupName": g, "Path": spec.get("path", "/")}))
            for pol in spec.get("policies", []):
                calls.append((name, "attach_group_policy", {"GroupName": g, "PolicyArn": policy_arn(pol, acct, body)}))
            for ip, d in (spec.get("inline_policies") or {}).items():
                calls.append((name, "put_group_policy", {"GroupName": g, "PolicyName": ip, "PolicyDocument": doc(d)}))
        for u, spec in (body.get("users") or {}).items():
            kwargs = {"UserName": u, "Path": spec.get("path", "/"),
                      "Tags": [{"Key": k, "Value": v} for k, v in (spec.get("tags") or {}).items()]}
            if spec.get("permissions_boundary"):
                kwargs["PermissionsBoundary"] = policy_arn(spec["permissions_boundary"], acct, body)
            calls.append((name, "create_user", kwargs))
            member_of = list(spec.get("groups", [])) + [g for g, gs in groups.items() if u in gs.get("members", [])]
            for g in member_of:
                calls.append((name, "add_user_to_group", {"UserName": u, "GroupName": g}))
            for pol in spec.get("policies", []):
                calls.append((name, "attach_user_policy", {"UserName": u, "PolicyArn": policy_arn(pol, acct, body)}))
            for ip, d in (spec.get("inline_policies") or {}).items():
                calls.append((name, "put_user_policy", {"UserName": u, "PolicyName": ip, "PolicyDocument": doc(d)}))
            if spec.get("login_profile"):
                calls.append((name, "create_login_profile", {"UserName": u, "Password": "Bench-Passw0rd!x",
                                                             "PasswordResetRequired": True}))
            for _ in range(spec.get("access_keys", 0)):
                calls.append((name, "create_access_key", {"UserName": u}))
        for r, spec in (body.get("roles") or {}).items():
            trust = spec.get("trust_policy") or trust_document(spec.get("trust", {}), accounts)
            calls.append((name, "create_role", {
                "RoleName": r, "Path": spec.get("path", "/"), "Description": spec.get("description", ""),
                "MaxSessionDuration": spec.get("max_session_duration", 3600), "AssumeRolePolicyDocument": doc(trust),
                "Tags": [{"Key": k, "Value": v} for k, v in (spec.get("tags") or {}).items()]}))
            for pol in spec.get("policies", []):
                calls.append((name, "attach_role_policy", {"RoleName": r, "PolicyArn": policy_arn(pol, acct, body)}))
            for ip, d in (spec.get("inline_policies") or {}).items():
                calls.append((name, "put_role_policy", {"RoleName": r, "PolicyName": ip, "PolicyDocument": doc(d)}))
        for prof, spec in (body.get("instance_profiles") or {}).items():
            calls.append((name, "create_instance_profile", {"InstanceProfileName": prof, "Path": spec.get("path", "/")}))
            calls.append((name, "add_role_to_instance_profile", {"InstanceProfileName": prof, "RoleName": spec["role"]}))
    return calls


def clients(accounts, endpoint):
    """One IAM client per account, signed with credentials from sts:AssumeRole into that account."""
    base = dict(region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                aws_secret_access_key="testing")
    sts = boto3.client("sts", **base)
    out = {}
    for name, body in accounts.items():
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{body['id']}:role/OrganizationAccountAccessRole",
                                RoleSessionName="bench")["Credentials"]
        out[name] = boto3.client("iam", region_name="us-east-1", endpoint_url=endpoint,
                                 aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                                 aws_session_token=creds["SessionToken"])
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("config")
    ap.add_argument("--endpoint", required=True)
    args = ap.parse_args(argv)
    accounts = load(args.config)
    calls = plan_calls(accounts)
    iam = clients(accounts, args.endpoint)
    # Warm each account (moto loads the AWS managed policies on an account's first use).
    for client in iam.values():
        client.list_policies(Scope="AWS", MaxItems=1)
    start = time.perf_counter()
    errors = 0
    for name, op, kwargs in calls:
        try:
            getattr(iam[name], op)(**kwargs)
        except iam[name].exceptions.ClientError as error:
            errors += 1
            if errors <= 3:
                print(f"{op} {kwargs.get('UserName') or kwargs.get('RoleName') or ''}: {error}", file=sys.stderr)
    seconds = time.perf_counter() - start
    print(json.dumps({"calls": len(calls), "errors": errors, "seconds": round(seconds, 3),
                      "calls_per_s": round(len(calls) / seconds, 1)}))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
