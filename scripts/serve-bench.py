#!/usr/bin/env python3
"""iamconf serve's request rate against moto_server's, in one run (docs/serve.md, "Throughput").

Applies the cross-account example (with `mfa: true` on alice) in a temporary directory, starts
`iamconf serve` and moto_server, signs one request per call with botocore (untimed), and replays each
with wrk against both servers, alternating, ROUNDS times. The calls:
  sts  STS GetCallerIdentity, header-signed by alice's key (authenticated; needs no permission)
  s3   S3 GetObject of a 1 KiB object, signed by an AssumeRole session (ASIA key + token) of
       S3Access, authorized by the policy engine
  sts-presigned  GetCallerIdentity as a presigned GET (the query-string form; boto3's
       generate_presigned_url with HttpMethod="GET"), alice's key
  s3-presigned   the same GetObject presigned by the session (generate_presigned_url)
Prints one JSON line per measurement and a summary table.

Usage: scripts/serve-bench.py --iamconf .build/release/iamconf [--rounds 2] [--seconds 8] [--connections 16]
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import boto3
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.config import Config
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OBJECT = b"x" * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"nothing listens on {port}")


def signed(method, url, body, creds, service, auth):
    """One request signed as botocore signs it: (method, path, headers, body)."""
    request = AWSRequest(method=method, url=url, data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"} if body else {})
    if service == "s3":
        request.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"
    auth(creds, service, "us-east-1").add_auth(request)
    path = url.split("/", 3)[3] if url.count("/") >= 3 else ""
    return method, "/" + path, dict(request.headers.items()), body or ""


def lua(request, host):
    method, path, headers, body = request
    lines = [f"wrk.method = {json.dumps(method)}", f"wrk.path = {json.dumps(path)}", f"wrk.body = {json.dumps(body)}",
             f'wrk.headers["Host"] = {json.dumps(host)}']
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v if isinstance(v, str) else v.decode())}" for k, v in headers.items()]
    return "\n".join(lines) + "\n"


def presigned(endpoint, creds, service, operation, params):
    """A presigned GET as boto3 makes one: (method, path?query, headers, body)."""
    client = boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=creds.access_key,
                          aws_secret_access_key=creds.secret_key, aws_session_token=creds.token,
                          config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
    url = client.generate_presigned_url(operation, Params=params, ExpiresIn=3600, HttpMethod="GET")
    return "GET", "/" + url.split("/", 3)[3], {}, ""


def requests_for(endpoint, alice, session):
    sts = signed("POST", endpoint + "/", "Action=GetCallerIdentity&Version=2011-06-15", alice, "sts", SigV4Auth)
    s3 = signed("GET", endpoint + "/shared-reports/bench.bin", None, session, "s3", S3SigV4Auth)
    return {"sts": sts, "s3": s3,
            "sts-presigned": presigned(endpoint, alice, "sts", "get_caller_identity", {}),
            "s3-presigned": presigned(endpoint, session, "s3", "get_object", {"Bucket": "shared-reports", "Key": "bench.bin"})}


def check(endpoint, request):
    """The signed request answers 200 before it is replayed (a 403 is fast and would flatter)."""
    import urllib.error
    import urllib.request
    method, path, headers, body = request
    req = urllib.request.Request(endpoint + path, data=body.encode() if body else None, method=method,
                                 headers={k: (v if isinstance(v, str) else v.decode()) for k, v in headers.items()})
    try:
        with urllib.request.urlopen(req) as response:
            assert response.status == 200, response.status
    except urllib.error.HTTPError as error:
        sys.exit(f"{method} {path} answered {error.code} at {endpoint}: {error.read().decode(errors='replace')}")


def wrk(port, request, seconds, connections, workdir):
    script = os.path.join(workdir, "request.lua")
    with open(script, "w") as f:
        f.write(lua(request, f"127.0.0.1:{port}"))
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", script, f"http://127.0.0.1:{port}"],
                         capture_output=True, text=True, check=True).stdout
    rate = next(line for line in out.splitlines() if line.startswith("Requests/sec:")).split()[1]
    non2xx = [line for line in out.splitlines() if "Non-2xx" in line or "Socket errors" in line]
    if non2xx:
        sys.exit(f"wrk saw errors on {port}: {non2xx}")
    return float(rate)


def setup_iamconf(iamconf, workdir, port):
    lab = os.path.join(workdir, "lab")
    shutil.copytree(os.path.join(REPO, "examples", "cross-account"), lab)
    source = os.path.join(lab, "source.yaml")
    text = open(source).read().replace("        path: /engineering/\n", "        path: /engineering/\n        mfa: true\n", 1)
    open(source, "w").write(text)
    subprocess.run([iamconf, "apply", "--auto-approve"], cwd=lab, check=True, capture_output=True)
    server = subprocess.Popen([iamconf, "serve", "--port", str(port)], cwd=lab, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port)
    env = subprocess.run([iamconf, "lab", "credentials", "source.user.alice"], cwd=lab, check=True, capture_output=True, text=True).stdout
    values = dict(line.removeprefix("export ").split("=", 1) for line in env.splitlines() if line.startswith("export "))
    alice = Credentials(values["AWS_ACCESS_KEY_ID"].strip("'\""), values["AWS_SECRET_ACCESS_KEY"].strip("'\""))
    code = subprocess.run([iamconf, "lab", "mfa-code", "source.user.alice"], cwd=lab, check=True, capture_output=True, text=True).stdout.strip()
    endpoint = f"http://127.0.0.1:{port}"
    sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id=alice.access_key, aws_secret_access_key=alice.secret_key)
    assumed = sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/S3Access", RoleSessionName="bench",
                              SerialNumber="arn:aws:iam::222222222222:mfa/alice", TokenCode=code)["Credentials"]
    session = Credentials(assumed["AccessKeyId"], assumed["SecretAccessKey"], assumed["SessionToken"])
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=session.access_key,
                      aws_secret_access_key=session.secret_key, aws_session_token=session.token)
    s3.put_object(Bucket="shared-reports", Key="bench.bin", Body=OBJECT)
    return server, requests_for(endpoint, alice, session)


def setup_moto(workdir, port):
    env = {k: v for k, v in os.environ.items() if k != "MOTO_ACCOUNT_ID"}
    server = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port)
    endpoint = f"http://127.0.0.1:{port}"
    alice = Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id=alice.access_key, aws_secret_access_key=alice.secret_key)
    assumed = sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/S3Access", RoleSessionName="bench")["Credentials"]
    session = Credentials(assumed["AccessKeyId"], assumed["SecretAccessKey"], assumed["SessionToken"])
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=alice.access_key,
                      aws_secret_access_key=alice.secret_key)
    s3.create_bucket(Bucket="shared-reports")
    s3.put_object(Bucket="shared-reports", Key="bench.bin", Body=OBJECT)
    return server, requests_for(endpoint, alice, session)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iamconf", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--calls", default="sts,s3,sts-presigned,s3-presigned", help="which calls to measure (sts, s3, sts-presigned, s3-presigned), comma-separated")
    args = parser.parse_args()
    iamconf = os.path.abspath(args.iamconf)
    workdir = tempfile.mkdtemp(prefix="serve-bench-")
    servers = []
    try:
        ours_port, moto_port = free_port(), free_port()
        ours, ours_requests = setup_iamconf(iamconf, workdir, ours_port)
        servers.append(ours)
        moto, moto_requests = setup_moto(workdir, moto_port)
        servers.append(moto)
        calls = args.calls.split(",")
        for call in calls:
            check(f"http://127.0.0.1:{ours_port}", ours_requests[call])
            check(f"http://127.0.0.1:{moto_port}", moto_requests[call])
        results = {call: {"iamconf": [], "moto": []} for call in calls}
        for round_ in range(args.rounds):
            for call in calls:
                for name, port, request in (("iamconf", ours_port, ours_requests[call]), ("moto", moto_port, moto_requests[call])):
                    rate = wrk(port, request, args.seconds, args.connections, workdir)
                    results[call][name].append(rate)
                    print(json.dumps({"round": round_ + 1, "call": call, "server": name, "requests_per_s": rate}), flush=True)
        load = open("/proc/loadavg").read().split()[:3]
        print(f"load average at the end: {' / '.join(load)}")
        print("| call | iamconf serve req/s | moto_server req/s | ratio |")
        for call in calls:
            ours_rates, moto_rates = results[call]["iamconf"], results[call]["moto"]
            ratios = [o / m for o, m in zip(ours_rates, moto_rates)]
            print(f"| {call} | {' / '.join(f'{r:,.0f}' for r in ours_rates)} | {' / '.join(f'{r:,.0f}' for r in moto_rates)} | "
                  f"{min(ratios):.1f}-{max(ratios):.1f}x |")
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
