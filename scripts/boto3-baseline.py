#!/usr/bin/env python3
"""Baseline for iamconf's HTTP backend: N sequential boto3 CreateUser calls against an endpoint.

Usage: python3 scripts/boto3-baseline.py --endpoint http://127.0.0.1:5000 [--count 1000] [--prefix base]
Start the endpoint first, e.g. `env -u MOTO_ACCOUNT_ID moto_server -H 127.0.0.1 -p 5000`.
Prints calls per second for the CreateUser loop only (client creation and the first call, which makes
moto load the account, are warmed up before the clock starts).
"""
import argparse
import time

import boto3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--prefix", default="boto3-baseline")
    args = parser.parse_args()
    client = boto3.client(
        "iam", endpoint_url=args.endpoint, region_name="us-east-1",
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="testing")
    client.create_user(UserName=f"{args.prefix}-warmup")
    start = time.perf_counter()
    for index in range(args.count):
        client.create_user(UserName=f"{args.prefix}-{index}")
    elapsed = time.perf_counter() - start
    print(f"boto3 sequential CreateUser: {args.count} calls in {elapsed:.2f} s = {args.count / elapsed:.1f} calls/s")


if __name__ == "__main__":
    main()
