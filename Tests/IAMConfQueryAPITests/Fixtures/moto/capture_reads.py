#!/usr/bin/env python3
"""Record moto_server's answers to the refresh reads as fixtures for ResponseDecodingTests.

Starts moto_server (5.2.1) on a free port, creates the objects with botocore-signed Query calls,
then saves each read's raw response body as <Name>.xml (S3 GetBucketPolicy: .json) and the HTTP
status in statuses.json. Run from this folder: python3 capture_reads.py
"""
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CREDENTIALS = Credentials("AKIAIOSFODNN7EXAMPLE", "testing")
# A document with `%` and `+` inside, which a form-decoder would corrupt.
DOCUMENT = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::b/100%+a b"}]}, separators=(",", ":"))
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                    "Action": "sts:AssumeRole"}]}, separators=(",", ":"))
METADATA = "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.com\">" + "x" * 1000 + "</EntityDescriptor>"
statuses = {}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def send(base, method, path, service, body=b"", headers=None):
    request = AWSRequest(method=method, url=base + path, data=body, headers=headers or {})
    if service == "s3":
        import hashlib
        request.headers["x-amz-content-sha256"] = hashlib.sha256(body).hexdigest()
    SigV4Auth(CREDENTIALS, service, "us-east-1").add_auth(request)
    prepared = urllib.request.Request(base + path, data=body or None, method=method, headers=dict(request.headers))
    try:
        with urllib.request.urlopen(prepared) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def iam(base, action, **params):
    form = urllib.parse.urlencode({"Action": action, "Version": "2010-05-08", **params}).encode()
    status, body = send(base, "POST", "/", "iam", form, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    if status != 200:
        raise SystemExit(f"{action} failed: {status} {body[:300]!r}")
    return body


def record(name, status, body):
    with open(name, "wb") as f:
        f.write(body)
    statuses[name] = status


def read(base, name, action, **params):
    form = urllib.parse.urlencode({"Action": action, "Version": "2010-05-08", **params}).encode()
    status, body = send(base, "POST", "/", "iam", form, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    record(name + ".xml", status, body)
    return body


def setup(base):
    iam(base, "CreateUser", UserName="alice", Path="/eng/", **{"Tags.member.1.Key": "team", "Tags.member.1.Value": "a+b %"})
    iam(base, "CreateLoginProfile", UserName="alice", Password="Passw0rd!Passw0rd", PasswordResetRequired="true")
    for _ in range(2):
        created = iam(base, "CreateAccessKey", UserName="alice").decode()
    second = created.split("<AccessKeyId>")[1].split("</AccessKeyId>")[0]
    iam(base, "UpdateAccessKey", UserName="alice", AccessKeyId=second, Status="Inactive")
    iam(base, "CreateGroup", GroupName="devs")
    iam(base, "AddUserToGroup", GroupName="devs", UserName="alice")
    iam(base, "CreatePolicy", PolicyName="reader", PolicyDocument=DOCUMENT)
    policy = "arn:aws:iam::123456789012:policy/reader"
    iam(base, "CreatePolicyVersion", PolicyArn=policy, PolicyDocument=DOCUMENT.replace("GetObject", "*"), SetAsDefault="true")
    iam(base, "CreateRole", RoleName="app", AssumeRolePolicyDocument=TRUST)
    for kind, entity, name in [("User", "UserName", "alice"), ("Group", "GroupName", "devs"), ("Role", "RoleName", "app")]:
        iam(base, f"Attach{kind}Policy", **{entity: name}, PolicyArn=policy)
        iam(base, f"Put{kind}Policy", **{entity: name}, PolicyName="inline", PolicyDocument=DOCUMENT)
    iam(base, "CreatePolicy", PolicyName="writer", Path="/team/", PolicyDocument=DOCUMENT)
    iam(base, "AttachRolePolicy", RoleName="app", PolicyArn="arn:aws:iam::123456789012:policy/team/writer")
    iam(base, "CreateInstanceProfile", InstanceProfileName="web", Path="/srv/", **{"Tags.member.1.Key": "k", "Tags.member.1.Value": "v"})
    iam(base, "AddRoleToInstanceProfile", InstanceProfileName="web", RoleName="app")
    iam(base, "CreateOpenIDConnectProvider", Url="https://token.actions.githubusercontent.com",
        **{"ClientIDList.member.1": "sts.amazonaws.com", "ThumbprintList.member.1": "6938fd4d98bab03faadb97b34396831e3780aea1",
           "Tags.member.1.Key": "k", "Tags.member.1.Value": "v"})
    iam(base, "CreateSAMLProvider", Name="corp-idp", SAMLMetadataDocument=METADATA)
    iam(base, "UpdateAccountPasswordPolicy", MinimumPasswordLength="14", RequireSymbols="true", PasswordReusePrevention="5")
    iam(base, "CreateAccountAlias", AccountAlias="acme-target")
    send(base, "PUT", "/iamconf-fixture", "s3")
    # Without a Content-Type, urllib sends a form type and moto parses the policy as a form.
    send(base, "PUT", "/iamconf-fixture?policy", "s3", DOCUMENT.encode(), {"Content-Type": "application/json"})
    send(base, "PUT", "/iamconf-bare", "s3")


def capture(base):
    policy = "arn:aws:iam::123456789012:policy/reader"
    read(base, "GetLoginProfile", "GetLoginProfile", UserName="alice")
    read(base, "ListAccessKeys", "ListAccessKeys", UserName="alice")
    read(base, "ListGroupsForUser", "ListGroupsForUser", UserName="alice")
    read(base, "ListAttachedUserPolicies", "ListAttachedUserPolicies", UserName="alice")
    read(base, "ListAttachedRolePolicies-page1", "ListAttachedRolePolicies", RoleName="app", MaxItems="1")
    read(base, "ListAttachedRolePolicies-page2", "ListAttachedRolePolicies", RoleName="app", MaxItems="1", Marker="1")
    # moto says IsTruncated on a page that ends exactly at the last item; the next page is empty.
    read(base, "ListAttachedRolePolicies-page3", "ListAttachedRolePolicies", RoleName="app", MaxItems="1", Marker="2")
    read(base, "GetUserPolicy", "GetUserPolicy", UserName="alice", PolicyName="inline")
    read(base, "GetGroupPolicy", "GetGroupPolicy", GroupName="devs", PolicyName="inline")
    read(base, "GetRolePolicy", "GetRolePolicy", RoleName="app", PolicyName="inline")
    read(base, "GetInstanceProfile", "GetInstanceProfile", InstanceProfileName="web")
    read(base, "GetOpenIDConnectProvider", "GetOpenIDConnectProvider",
         OpenIDConnectProviderArn="arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")
    read(base, "GetSAMLProvider", "GetSAMLProvider", SAMLProviderArn="arn:aws:iam::123456789012:saml-provider/corp-idp")
    read(base, "GetPolicyVersion", "GetPolicyVersion", PolicyArn=policy, VersionId="v1")
    read(base, "GetAccountPasswordPolicy", "GetAccountPasswordPolicy")
    read(base, "ListAccountAliases", "ListAccountAliases")
    read(base, "GetLoginProfile-NoSuchEntity", "GetLoginProfile", UserName="nobody")
    read(base, "GetUserPolicy-NoSuchEntity", "GetUserPolicy", UserName="alice", PolicyName="missing")
    record("HeadBucket.body", *send(base, "HEAD", "/iamconf-fixture", "s3"))
    record("HeadBucket-missing.body", *send(base, "HEAD", "/iamconf-missing", "s3"))
    record("GetBucketPolicy.json", *send(base, "GET", "/iamconf-fixture?policy", "s3"))
    record("GetBucketPolicy-NoSuchBucketPolicy.xml", *send(base, "GET", "/iamconf-bare?policy", "s3"))
    record("GetBucketPolicy-NoSuchBucket.xml", *send(base, "GET", "/iamconf-missing?policy", "s3"))
    iam(base, "DeleteAccountPasswordPolicy")
    read(base, "GetAccountPasswordPolicy-NoSuchEntity", "GetAccountPasswordPolicy")


if __name__ == "__main__":
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("MOTO_ACCOUNT_ID", "INITIAL_NO_AUTH_ACTION_COUNT")}
    server = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/moto-api/")
                break
            except OSError:
                time.sleep(0.1)
        setup(base)
        capture(base)
    finally:
        server.terminate()
        server.wait()
    with open("statuses.json", "w") as f:
        json.dump(statuses, f, indent=1, sort_keys=True)
        f.write("\n")
    import moto
    print(f"{len(statuses)} responses recorded from moto {moto.__version__}")
