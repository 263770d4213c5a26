#!/usr/bin/env python3
"""Derive the .creq and .sts files of AWS's SigV4 test suite from its .req files with botocore.

The .req/.authz pairs are AWS's published Signature Version 4 test suite
(https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html, 2015-08-30 edition:
AKIDEXAMPLE, us-east-1, service "service", 20150830T123600Z). This script lets botocore's SigV4Auth
compute the canonical request and string to sign for each .req, and writes them only when
botocore's signature equals the published .authz, so every .creq/.sts here is proven by AWS's own
signature. Run from this folder: python3 derive_creq_sts.py
"""
import glob
import sys
import urllib.parse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CREDS = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")


def parse(text):
    head, _, body = text.partition("\n\n")
    lines = head.split("\n")
    method, target, _ = lines[0].split(" ")
    path, _, query = target.partition("?")
    headers = [tuple(part.strip() if i else part for i, part in enumerate(l.split(":", 1))) for l in lines[1:]]
    return method, path, query, headers, body


def derive(name):
    method, path, query, headers, body = parse(open(f"{name}.req", encoding="utf-8").read())
    pairs = [p.partition("=") for p in query.split("&") if p]
    url = "https://example.amazonaws.com" + urllib.parse.quote(path, safe="/~")
    request = AWSRequest(method=method, url=url, data=body.encode())
    request.params = {k: v for k, _, v in pairs}
    request.url = request.prepare().url
    request.params = {}
    for key, value in headers:
        if key.lower() != "host":
            request.headers[key] = value
    request.context["timestamp"] = "20150830T123600Z"
    auth = SigV4Auth(CREDS, "service", "us-east-1")
    auth._normalize_url_path = lambda p: p  # paths in this subset need no dot-segment removal
    creq = auth.canonical_request(request)
    sts = auth.string_to_sign(request, creq)
    signature = auth.signature(sts, request)
    expected = open(f"{name}.authz").read().rsplit("Signature=", 1)[1].strip()
    if signature != expected:
        print(f"{name}: botocore signature {signature} != published {expected}; not written", file=sys.stderr)
        return False
    open(f"{name}.creq", "w", encoding="utf-8").write(creq)
    open(f"{name}.sts", "w").write(sts)
    return True


if __name__ == "__main__":
    results = [derive(path[:-4]) for path in sorted(glob.glob("*.req"))]
    print(f"{sum(results)} of {len(results)} cases derived")
    sys.exit(0 if all(results) else 1)
