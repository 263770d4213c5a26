"""boto3 against `iamconf serve`, for ServeScenarioTests.

  scenarios.py SCENARIO KEYS.json

KEYS.json: {"url": ..., "clock_file": ..., "management": [id, secret], "bob": [id, secret], ...}.
Each scenario prints one JSON object: step name -> what the client saw ("CODE: message" for an
error, as botocore parsed it from serve's answer).
"""
import datetime
import http.client
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import boto3
import botocore.auth
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

scenario, keys_file = sys.argv[1:3]
with open(keys_file) as f:
    KEYS = json.load(f)
URL = KEYS["url"]
APP = "444444444444"
ROLE = f"arn:aws:iam::{APP}:role/WebServerRole"
CONFIG = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1})


def client(service, creds, config=CONFIG):
    return boto3.client(service, endpoint_url=URL, region_name="us-east-1", config=config, **creds)


def user(name):
    key, secret = KEYS[name]
    return dict(aws_access_key_id=key, aws_secret_access_key=secret)


def session(creds):
    return dict(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds["SessionToken"])


def error(call):
    try:
        call()
        return "no error"
    except ClientError as e:
        return e.response["Error"]["Code"] + ": " + e.response["Error"].get("Message", "")


def status(call):
    """The HTTP status of a refused call."""
    try:
        call()
        return 200
    except ClientError as e:
        return e.response["ResponseMetadata"]["HTTPStatusCode"]


def admin():
    """The management credential's session in the app account (OrganizationAccountAccessRole)."""
    creds = client("sts", user("management")).assume_role(
        RoleArn=f"arn:aws:iam::{APP}:role/OrganizationAccountAccessRole", RoleSessionName="admin")["Credentials"]
    return session(creds)


class SigningClock:
    """botocore signs at the real time moved by `offset` seconds (a client whose clock is wrong)."""

    def __init__(self, offset):
        self.offset = offset

    def __enter__(self):
        self.saved = botocore.auth.get_current_datetime
        botocore.auth.get_current_datetime = lambda: self.saved() + datetime.timedelta(seconds=self.offset)

    def __exit__(self, *exc):
        botocore.auth.get_current_datetime = self.saved


def ec2():
    out = {}
    bob, carol = user("bob"), user("carol")
    # The role trusts only the EC2 service: a user allowed sts:AssumeRole on "*" is still refused.
    out["bob_assume"] = error(lambda: client("sts", bob).assume_role(RoleArn=ROLE, RoleSessionName="bob"))
    # Putting the role in a profile passes it to whatever launches with the profile: iam:PassRole.
    client("iam", bob).create_instance_profile(InstanceProfileName="batch")
    out["bob_add_role"] = error(lambda: client("iam", bob).add_role_to_instance_profile(
        InstanceProfileName="batch", RoleName="WebServerRole"))
    out["bob_profile_roles"] = [r["RoleName"] for r in client("iam", bob).get_instance_profile(
        InstanceProfileName="batch")["InstanceProfile"]["Roles"]]
    out["carol_add_role"] = error(lambda: client("iam", carol).add_role_to_instance_profile(
        InstanceProfileName="batch", RoleName="WebServerRole"))
    # The profiles and their role, through the IAM API.
    out["profiles"] = {p["InstanceProfileName"]: [r["RoleName"] for r in p["Roles"]]
                       for p in client("iam", carol).list_instance_profiles()["InstanceProfiles"]}
    profile = client("iam", carol).get_instance_profile(InstanceProfileName="web-server")["InstanceProfile"]
    out["web_server_profile"] = [profile["Arn"], [r["Arn"] for r in profile["Roles"]],
                                 profile["Roles"][0]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]]
    out["profiles_for_role"] = sorted(p["InstanceProfileName"] for p in client("iam", carol).list_instance_profiles_for_role(
        RoleName="WebServerRole")["InstanceProfiles"])
    # What an instance would get: the role's session (here from the management credential, which
    # stands in for EC2), acting with the role's permissions and nothing more.
    client("s3", admin()).put_object(Bucket="web-config", Key="settings.json", Body=b'{"debug": false}')
    creds = client("sts", user("management")).assume_role(RoleArn=ROLE, RoleSessionName="i-0abc", DurationSeconds=900)["Credentials"]
    role = session(creds)
    out["role_whoami"] = client("sts", role).get_caller_identity()["Arn"]
    out["role_get"] = client("s3", role).get_object(Bucket="web-config", Key="settings.json")["Body"].read().decode()
    out["role_list"] = [o["Key"] for o in client("s3", role).list_objects_v2(Bucket="web-config").get("Contents", [])]
    out["role_put"] = error(lambda: client("s3", role).put_object(Bucket="web-config", Key="settings.json", Body=b"{}"))
    out["role_other_bucket"] = error(lambda: client("s3", role).get_object(Bucket="reports", Key="q3.txt"))
    out["role_iam"] = error(lambda: client("iam", role).list_users())
    return out


def denials():
    out = {}
    dana, erin = user("dana"), user("erin")
    client("s3", erin).put_object(Bucket="reports", Key="q3.txt", Body=b"quarterly numbers")
    # dana: AmazonS3FullAccess, bounded by a boundary allowing s3:GetObject only.
    out["dana_get"] = client("s3", dana).get_object(Bucket="reports", Key="q3.txt")["Body"].read().decode()
    out["dana_put"] = error(lambda: client("s3", dana).put_object(Bucket="reports", Key="q4.txt", Body=b"x"))
    # erin: AmazonS3FullAccess and an inline Deny of s3:DeleteObject.
    out["erin_delete"] = error(lambda: client("s3", erin).delete_object(Bucket="reports", Key="q3.txt"))
    out["after"] = [o["Key"] for o in client("s3", erin).list_objects_v2(Bucket="reports").get("Contents", [])]
    # A well-formed CreateBucketConfiguration is taken (hostile() sends malformed ones).
    out["create_bucket_configured"] = error(lambda: client("s3", admin()).create_bucket(
        Bucket="eu-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}))
    return out


def authentication():
    out = {}
    key, secret = KEYS["erin"]
    forged = dict(aws_access_key_id=key, aws_secret_access_key=secret[::-1])
    out["wrong_secret"] = error(lambda: client("sts", forged).get_caller_identity())
    out["wrong_secret_s3"] = error(lambda: client("s3", forged).list_buckets())
    unknown = dict(aws_access_key_id="AKIAUNKNOWNUNKNOWN00", aws_secret_access_key=secret)
    out["unknown_key"] = error(lambda: client("sts", unknown).get_caller_identity())
    out["unknown_key_s3"] = error(lambda: client("s3", unknown).list_buckets())
    out["statuses"] = [status(lambda: client("sts", forged).get_caller_identity()), status(lambda: client("s3", forged).list_buckets()),
                       status(lambda: client("sts", unknown).get_caller_identity()), status(lambda: client("s3", unknown).list_buckets())]
    unsigned = Config(signature_version=UNSIGNED, retries={"max_attempts": 1}, s3={"addressing_style": "path"})
    out["unsigned"] = error(lambda: client("sts", {}, unsigned).get_caller_identity())
    out["unsigned_iam"] = error(lambda: client("iam", {}, unsigned).list_users())
    # A client clock 20 minutes off either way.
    for name, offset in [("skew_behind", -1200), ("skew_ahead", 1200)]:
        with SigningClock(offset):
            out[name] = error(lambda: client("sts", user("erin")).get_caller_identity())
            out[name + "_s3"] = error(lambda: client("s3", user("erin")).list_buckets())
    # A SigV4 presigned URL signed ten minutes ago, valid for 60 seconds (botocore presigns S3 with
    # SigV2 unless told s3v4; the sigv2 scenario covers that form).
    client("s3", user("erin")).put_object(Bucket="reports", Key="shared.txt", Body=b"shared")
    v4 = CONFIG.merge(Config(signature_version="s3v4"))
    with SigningClock(-600):
        stale = client("s3", user("erin"), v4).generate_presigned_url(
            "get_object", Params={"Bucket": "reports", "Key": "shared.txt"}, ExpiresIn=60)
    fresh = client("s3", user("erin"), v4).generate_presigned_url(
        "get_object", Params={"Bucket": "reports", "Key": "shared.txt"}, ExpiresIn=60)
    out["presigned_fresh"] = urllib.request.urlopen(fresh).read().decode()
    try:
        urllib.request.urlopen(stale)
        out["presigned_expired"] = "no error"
    except urllib.error.HTTPError as e:
        document = ET.fromstring(e.read())
        out["presigned_expired"] = f"{e.code} {document.findtext('Code')}: {document.findtext('Message')}"
    # A session of the shortest duration STS allows (900 s), used after it ended: serve's clock is
    # moved 16 minutes on (the test-only clock file), and so is the client's.
    creds = client("sts", user("management")).assume_role(RoleArn=ROLE, RoleSessionName="short", DurationSeconds=900)["Credentials"]
    # botocore refuses 899 itself; without its check, serve answers as STS does.
    unchecked = CONFIG.merge(Config(parameter_validation=False))
    out["too_short"] = error(lambda: client("sts", user("management"), unchecked).assume_role(
        RoleArn=ROLE, RoleSessionName="shorter", DurationSeconds=899))
    role = session(creds)
    out["session_now"] = client("sts", role).get_caller_identity()["Arn"]
    with open(KEYS["clock_file"], "w") as f:
        f.write("960")
    with SigningClock(960):
        out["expired"] = error(lambda: client("sts", role).get_caller_identity())
        out["expired_s3"] = error(lambda: client("s3", role).get_object(Bucket="web-config", Key="settings.json"))
        out["expired_iam"] = error(lambda: client("iam", role).list_roles())
        out["expired_statuses"] = [status(lambda: client("sts", role).get_caller_identity()),
                                   status(lambda: client("s3", role).get_object(Bucket="web-config", Key="settings.json"))]
        # The user's long-term key still works at that time.
        out["user_later"] = client("sts", user("erin")).get_caller_identity()["Arn"]
    return out


def sigv2():
    """S3's Signature Version 2: botocore's default presigned URLs, its `s3` signer, and by hand."""
    import base64, hashlib, hmac, time
    out = {}
    erin = client("s3", user("erin"))
    erin.put_object(Bucket="reports", Key="dir/a b.txt", Body=b"spaced")
    # botocore presigns S3 with SigV2 (AWSAccessKeyId, Expires, Signature) unless told s3v4.
    url = erin.generate_presigned_url("get_object", Params={"Bucket": "reports", "Key": "dir/a b.txt"}, ExpiresIn=300)
    out["presigned_is_v2"] = "AWSAccessKeyId=" in url and "X-Amz-Signature" not in url
    out["presigned"] = urllib.request.urlopen(url).read().decode()
    override = erin.generate_presigned_url("get_object", ExpiresIn=300, Params={
        "Bucket": "reports", "Key": "dir/a b.txt", "ResponseContentType": "text/plain"})
    response = urllib.request.urlopen(override)
    out["presigned_override"] = response.read().decode()

    def refused(target):
        try:
            urllib.request.urlopen(target)
            return "no error"
        except urllib.error.HTTPError as e:
            document = ET.fromstring(e.read())
            return f"{e.code} {document.findtext('Code')}: {document.findtext('Message')}"
    out["tampered"] = refused(url.replace("dir/a%20b.txt", "dir/other.txt"))
    # Signed by hand, expired a minute ago.
    key, secret = KEYS["erin"]
    expires = str(int(time.time()) - 60)
    signature = base64.b64encode(hmac.new(secret.encode(), f"GET\n\n\n{expires}\n/reports/dir/a%20b.txt".encode(), hashlib.sha1).digest()).decode()
    out["expired"] = refused(f"{URL}/reports/dir/a%20b.txt?" + urllib.parse.urlencode(
        {"AWSAccessKeyId": key, "Expires": expires, "Signature": signature}))
    # A role session's URL carries its token; the role may read web-config and nothing else.
    creds = client("sts", user("management")).assume_role(RoleArn=ROLE, RoleSessionName="v2")["Credentials"]
    role = client("s3", session(creds))
    role_url = role.generate_presigned_url("get_object", Params={"Bucket": "web-config", "Key": "settings.json"}, ExpiresIn=300)
    out["session_token_in_url"] = "x-amz-security-token=" in role_url
    out["session_presigned"] = urllib.request.urlopen(role_url).read().decode()
    out["session_refused"] = refused(role.generate_presigned_url("get_object", Params={"Bucket": "reports", "Key": "dir/a b.txt"}, ExpiresIn=300))
    # The `Authorization: AWS KEY:SIGNATURE` header form, as botocore's "s3" signer sends it.
    v2 = client("s3", user("erin"), CONFIG.merge(Config(signature_version="s3")))
    v2.put_object(Bucket="reports", Key="v2.txt", Body=b"header-signed")
    out["header_get"] = v2.get_object(Bucket="reports", Key="v2.txt")["Body"].read().decode()
    out["header_list_buckets"] = sorted(b["Name"] for b in v2.list_buckets()["Buckets"])
    forged = client("s3", dict(aws_access_key_id=key, aws_secret_access_key=secret[::-1]), CONFIG.merge(Config(signature_version="s3")))
    out["header_forged"] = error(lambda: forged.get_object(Bucket="reports", Key="v2.txt"))
    unknown = client("s3", dict(aws_access_key_id="AKIAUNKNOWNUNKNOWN00", aws_secret_access_key=secret), CONFIG.merge(Config(signature_version="s3")))
    out["header_unknown"] = error(lambda: unknown.list_buckets())
    return out


def transport():
    """erin writes to the HTTPS-only bucket as is, and with X-Forwarded-Proto set by hand."""
    out = {}
    s3 = client("s3", user("erin"))
    out["plain"] = error(lambda: s3.put_object(Bucket="https-only", Key="a.txt", Body=b"a"))
    for name, value in [("forwarded_https", "https"), ("forwarded_http", "http")]:
        s3 = client("s3", user("erin"))
        s3.meta.events.register("before-send.s3", lambda request, value=value, **kw: request.headers.__setitem__("X-Forwarded-Proto", value))
        out[name] = error(lambda: s3.put_object(Bucket="https-only", Key=name + ".txt", Body=b"b"))
    return out


def raw(method, target, headers=None, body=b""):
    """One request over a fresh connection; answers (status, error code or '')."""
    parsed = urllib.parse.urlparse(URL)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or []):
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        text = response.read()
        code = ""
        try:
            code = ET.fromstring(text).findtext(".//{*}Code") or ET.fromstring(text).findtext(".//Code") or ""
        except ET.ParseError:
            pass
        return f"{response.status} {code}".strip()
    finally:
        connection.close()


def chunked_put(target, size, chunk=1 << 20):
    """A PUT with a chunked body of `size` bytes (no length declared), as a streaming client sends it."""
    parsed = urllib.parse.urlparse(URL)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
    try:
        connection.putrequest("PUT", target, skip_accept_encoding=True)
        connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        block = b"x" * chunk
        sent = 0
        try:
            while sent < size:
                piece = block[: min(chunk, size - sent)]
                connection.send(b"%x\r\n" % len(piece) + piece + b"\r\n")
                sent += len(piece)
            connection.send(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return f"connection closed after {sent} bytes"
        response = connection.getresponse()
        response.read()
        return str(response.status)
    finally:
        connection.close()


def hostile():
    out = {}
    key, secret = KEYS["erin"]
    form = b"Action=CreateUser&Version=2010-05-08&UserName=mallory"
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    scope = f"{key}/{date[:8]}/us-east-1/iam/aws4_request"
    base = [("Host", urllib.parse.urlparse(URL).netloc), ("Content-Type", "application/x-www-form-urlencoded"), ("X-Amz-Date", date)]
    authorizations = {
        "algorithm_only": "AWS4-HMAC-SHA256",
        "no_signature": f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host;x-amz-date",
        "no_credential": "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
        "bad_scope": "AWS4-HMAC-SHA256 Credential=" + key + "/2026/us-east-1, SignedHeaders=host, Signature=" + "0" * 64,
        "duplicated_credential": f"AWS4-HMAC-SHA256 Credential={scope}, Credential=AKIAOTHER/{date[:8]}/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
        "duplicated_signature": f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host;x-amz-date, Signature=" + "0" * 64 + ", Signature=" + "1" * 64,
        "other_algorithm": f"AWS4-HMAC-SHA512 Credential={scope}, SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
        "sigv2": f"AWS {key}:c2lnbmF0dXJl",
        "garbage": "\u00ff\u00fe==,,,;;;Credential==/=/=/",
        "empty_parts": "AWS4-HMAC-SHA256 ,,,, Credential=, SignedHeaders=, Signature=",
        "long": "AWS4-HMAC-SHA256 Credential=" + "A" * 20000 + ", SignedHeaders=host, Signature=0",
    }
    for name, value in authorizations.items():
        out["auth_" + name] = raw("POST", "/", base + [("Authorization", value)], form)
    out["auth_twice"] = raw("POST", "/", base + [("Authorization", authorizations["no_signature"]), ("Authorization", authorizations["sigv2"])], form)
    # Query strings that do not decode.
    for name, target in {
        "bad_escape": "/?Action=CreateUser&Version=2010-05-08&UserName=%zz%",
        "truncated_escape": "/?Action=CreateUser&Version=2010-05-08&UserName=mal%E2%82",
        "presigned_garbage": "/?Action=CreateUser&UserName=mallory&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%ZZ%&X-Amz-Signature=%",
        "presigned_bad_expires": f"/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={urllib.parse.quote(scope, safe='')}&X-Amz-Date={date}&X-Amz-Expires=-5&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
        "only_separators": "/?&&&==&=&",
        "s3_bad_path": "/reports/%zz%E2%82?list-type=2&prefix=%",
    }.items():
        out["query_" + name] = raw("GET", target, [("Host", urllib.parse.urlparse(URL).netloc)])
    # Documents that do not parse, sent by a caller allowed to write them.
    iam = client("iam", admin())
    s3 = client("s3", admin())
    for name, document in {"not_json": "<Policy>not json</Policy>", "truncated": '{"Version": "2012-10-17", "Statement": [',
                           "no_statement": '{"Version": "2012-10-17"}', "bad_effect": '{"Version":"2012-10-17","Statement":[{"Effect":"Perhaps","Action":"s3:*","Resource":"*"}]}'}.items():
        out["create_policy_" + name] = error(lambda: iam.create_policy(PolicyName="Broken", PolicyDocument=document))
        out["bucket_policy_" + name] = error(lambda: s3.put_bucket_policy(Bucket="reports", Policy=document))
    # A CreateBucket whose CreateBucketConfiguration is not XML, or not that document.
    for name, body in {"not_xml": b"<CreateBucketConfiguration><Loc", "other_document": b"<Policy/>"}.items():
        bad = client("s3", admin())
        bad.meta.events.register("before-sign.s3.CreateBucket", lambda request, body=body, **kw: setattr(request, "data", body))
        out["create_bucket_" + name] = error(lambda: bad.create_bucket(Bucket="new-bucket"))
    # A chunked body over the 16 MiB limit: counted as it arrives, refused at its end.
    out["chunked_over_limit"] = chunked_put("/reports/big.bin", 16 * 1024 * 1024 + 1)
    out["chunked_under_limit_unsigned"] = chunked_put("/reports/small.bin", 1024)
    # The server still answers, and the world holds nothing of the above.
    out["still_serving"] = client("sts", user("erin")).get_caller_identity()["Arn"]
    out["users"] = sorted(u["UserName"] for u in iam.list_users()["Users"])
    out["policies_named_broken"] = error(lambda: iam.get_policy(PolicyArn=f"arn:aws:iam::{APP}:policy/Broken"))
    out["reports"] = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="reports").get("Contents", []))
    out["reports_policy"] = error(lambda: s3.get_bucket_policy(Bucket="reports"))
    out["buckets"] = sorted(b["Name"] for b in s3.list_buckets()["Buckets"])
    return out


print(json.dumps({"ec2": ec2, "denials": denials, "authentication": authentication, "sigv2": sigv2, "transport": transport, "hostile": hostile}[scenario](),
                 sort_keys=True))
