"""Reads or changes moto_server's IAM through boto3, independently of iamconf.

Used by the endpoint end-to-end tests (Tests/IAMConfCLITests/Endpoint*.swift):

  moto_iam.py inventory URL ACCOUNT...   prints every account's IAM objects as sorted JSON
  moto_iam.py exec URL ACCOUNT CODE      runs CODE with `iam` and `s3` clients acting in ACCOUNT

Each account is reached as iamconf reaches it (AWS's way, recipe A of
/work/shared/notes/moto-endpoint.md): sts:AssumeRole into
arn:aws:iam::ACCOUNT:role/OrganizationAccountAccessRole, then the returned keys, which moto maps
to that account.
"""
import json
import sys

import boto3

REGION = "us-east-1"


def clients(url, account):
    """IAM and S3 clients whose temporary keys act in `account`."""
    base = dict(endpoint_url=url, region_name=REGION,
                aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="testing")
    role = "arn:aws:iam::%s:role/OrganizationAccountAccessRole" % account
    keys = boto3.client("sts", **base).assume_role(RoleArn=role, RoleSessionName="e2e-check")["Credentials"]
    session = dict(endpoint_url=url, region_name=REGION, aws_access_key_id=keys["AccessKeyId"],
                   aws_secret_access_key=keys["SecretAccessKey"], aws_session_token=keys["SessionToken"])
    iam = boto3.client("iam", **session)
    caller = boto3.client("sts", **session).get_caller_identity()["Account"]
    if caller != account:
        raise SystemExit("assumed keys act in %s, not %s" % (caller, account))
    return iam, boto3.client("s3", **session)


def tags(items):
    return {t["Key"]: t["Value"] for t in items or []}


def attached(pages):
    return sorted(p["PolicyArn"] for page in pages for p in page["AttachedPolicies"])


def inline(iam, kind, name):
    """{policy name: document} of a user's, group's or role's inline policies."""
    lister = getattr(iam, "list_%s_policies" % kind)
    getter = getattr(iam, "get_%s_policy" % kind)
    key = {"user": "UserName", "group": "GroupName", "role": "RoleName"}[kind]
    names = lister(**{key: name})["PolicyNames"]
    return {n: getter(**{key: name, "PolicyName": n})["PolicyDocument"] for n in names}


def users(iam):
    result = {}
    for user in iam.list_users()["Users"]:
        name = user["UserName"]
        entry = {
            "path": user["Path"],
            "tags": tags(iam.get_user(UserName=name)["User"].get("Tags")),
            "groups": sorted(g["GroupName"] for g in iam.list_groups_for_user(UserName=name)["Groups"]),
            "attached": attached(iam.get_paginator("list_attached_user_policies").paginate(UserName=name)),
            "inline": inline(iam, "user", name),
            "access_keys": sorted(k["Status"] for k in iam.list_access_keys(UserName=name)["AccessKeyMetadata"]),
            "permissions_boundary": user.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn"),
        }
        try:
            profile = iam.get_login_profile(UserName=name)["LoginProfile"]
            entry["login_profile"] = {"password_reset_required": profile.get("PasswordResetRequired", False)}
        except iam.exceptions.NoSuchEntityException:
            entry["login_profile"] = None
        result[name] = entry
    return result


def groups(iam):
    result = {}
    for group in iam.list_groups()["Groups"]:
        name = group["GroupName"]
        result[name] = {
            "path": group["Path"],
            "members": sorted(u["UserName"] for u in iam.get_group(GroupName=name)["Users"]),
            "attached": attached(iam.get_paginator("list_attached_group_policies").paginate(GroupName=name)),
            "inline": inline(iam, "group", name),
        }
    return result


def roles(iam):
    result = {}
    for page in iam.get_paginator("list_roles").paginate():
        for listed in page["Roles"]:
            name = listed["RoleName"]
            role = iam.get_role(RoleName=name)["Role"]
            profiles = iam.list_instance_profiles_for_role(RoleName=name)["InstanceProfiles"]
            result[name] = {
                "path": role["Path"],
                "description": role.get("Description"),
                "max_session_duration": role.get("MaxSessionDuration"),
                "trust": role["AssumeRolePolicyDocument"],
                "tags": tags(role.get("Tags")),
                "permissions_boundary": role.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn"),
                "attached": attached(iam.get_paginator("list_attached_role_policies").paginate(RoleName=name)),
                "inline": inline(iam, "role", name),
                "instance_profiles": sorted(p["InstanceProfileName"] for p in profiles),
            }
    return result


def policies(iam):
    result = {}
    for page in iam.get_paginator("list_policies").paginate(Scope="Local"):
        for policy in page["Policies"]:
            detail = iam.get_policy(PolicyArn=policy["Arn"])["Policy"]
            version = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId=detail["DefaultVersionId"])
            result[policy["PolicyName"]] = {
                "path": detail["Path"],
                "description": detail.get("Description"),
                "document": version["PolicyVersion"]["Document"],
                "tags": tags(detail.get("Tags")),
            }
    return result


def account(url, account_id):
    iam, s3 = clients(url, account_id)
    try:
        password_policy = iam.get_account_password_policy()["PasswordPolicy"]
    except iam.exceptions.NoSuchEntityException:
        password_policy = None
    providers = {}
    for entry in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]:
        provider = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=entry["Arn"])
        providers[provider["Url"]] = {
            "client_ids": sorted(provider["ClientIDList"]),
            "thumbprints": sorted(provider["ThumbprintList"]),
        }
    return {
        "users": users(iam),
        "groups": groups(iam),
        "roles": roles(iam),
        "policies": policies(iam),
        "instance_profiles": {
            p["InstanceProfileName"]: {"path": p["Path"], "roles": sorted(r["RoleName"] for r in p["Roles"])}
            for p in iam.list_instance_profiles()["InstanceProfiles"]
        },
        "oidc_providers": providers,
        "saml_providers": sorted(p["Arn"] for p in iam.list_saml_providers()["SAMLProviderList"]),
        "aliases": iam.list_account_aliases()["AccountAliases"],
        "password_policy": password_policy,
        "buckets": sorted(b["Name"] for b in s3.list_buckets().get("Buckets", [])),
    }


def main(argv):
    command, url = argv[1], argv[2]
    if command == "inventory":
        print(json.dumps({a: account(url, a) for a in argv[3:]}, indent=2, sort_keys=True, default=str))
    elif command == "exec":
        iam, s3 = clients(url, argv[3])
        exec(argv[4], {"iam": iam, "s3": s3, "json": json})
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
