#!/usr/bin/env python3
"""Sign a few fixed IAM/STS Query requests with botocore's SigV4Auth and record the results.

Writes botocore-vectors.json: for each case the credentials, region, service, timestamp, endpoint,
the exact form body botocore's query serializer would send (urlencode of the parameters), and the
canonical request, string to sign and Authorization header botocore computed. The Swift tests sign
the same bytes and must produce the same three values. Run from this folder with botocore installed:
python3 make_botocore_vectors.py
"""
import json
import urllib.parse

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

TIMESTAMP = "20261129T120000Z"
POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/100%+a b/*"}]}'
CASES = [
    ("iam-create-user-tags", "iam", None, [
        ("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "alice"), ("Path", "/engineering/"),
        ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "platform & ops")]),
    ("iam-put-role-policy-percent-plus", "iam", None, [
        ("Action", "PutRolePolicy"), ("Version", "2010-05-08"), ("RoleName", "S3Access"),
        ("PolicyName", "Weird=Name+1"), ("PolicyDocument", POLICY)]),
    ("iam-get-user-session-token", "iam", "FQoGZXIvYXdzEXAMPLE//token+with/slashes==", [
        ("Action", "GetUser"), ("Version", "2010-05-08"), ("UserName", "bj\u00f6rn")]),
    ("sts-assume-role", "sts", None, [
        ("Action", "AssumeRole"), ("Version", "2011-06-15"),
        ("RoleArn", "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"),
        ("RoleSessionName", "iamconf-111111111111")]),
    ("sts-get-caller-identity", "sts", "IQoJb3JpZ2luX2VjEXAMPLE", [
        ("Action", "GetCallerIdentity"), ("Version", "2011-06-15")]),
]


def vector(name, service, token, params):
    credentials = Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", token)
    body = urllib.parse.urlencode(params)
    request = AWSRequest(method="POST", url="http://127.0.0.1:5000/", data=body.encode())
    request.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    request.headers["X-Amz-Date"] = TIMESTAMP
    if token:
        request.headers["X-Amz-Security-Token"] = token
    request.context["timestamp"] = TIMESTAMP
    auth = SigV4Auth(credentials, service, "us-east-1")
    creq = auth.canonical_request(request)
    sts = auth.string_to_sign(request, creq)
    signature = auth.signature(sts, request)
    authorization = (f"AWS4-HMAC-SHA256 Credential={credentials.access_key}/{auth.credential_scope(request)}, "
                     f"SignedHeaders={auth.signed_headers(auth.headers_to_sign(request))}, Signature={signature}")
    return {
        "name": name, "service": service, "region": "us-east-1", "timestamp": TIMESTAMP,
        "accessKeyID": credentials.access_key, "secretAccessKey": credentials.secret_key, "sessionToken": token,
        "host": "127.0.0.1:5000", "contentType": request.headers["Content-Type"], "body": body,
        "parameters": [[k, v] for k, v in params],
        "canonicalRequest": creq, "stringToSign": sts, "authorization": authorization,
    }


if __name__ == "__main__":
    out = {"botocore": botocore.__version__, "cases": [vector(*case) for case in CASES]}
    with open("botocore-vectors.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out['cases'])} cases (botocore {botocore.__version__})")
