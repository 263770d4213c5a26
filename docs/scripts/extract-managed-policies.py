#!/usr/bin/env python3
"""Regenerates Sources/IAMConfPolicy/Resources/aws-managed-policies.json.

The policy documents are AWS's published managed policies. moto (installed for the endpoint tests)
ships a copy of them as a JSON string in moto/iam/aws_managed_policies.py; this script reads that
file as text, extracts the JSON data (no moto code is imported or copied) and keeps every policy in
it, so that `validate` knows each AWS managed policy IAM would let apply attach.
Usage: python3 docs/scripts/extract-managed-policies.py > <json path>

The output is JSON with one policy per line, keys in a fixed order and no whitespace inside a line:

    {"name":"N","path":"/p/","defaultVersionId":"vN","document":{...}},

iamconf indexes those lines at start-up without parsing any document (Catalog/CatalogIndex.swift),
and parses a document only when it is asked for. That layout is why the name, path and version
must never need a JSON escape; IAM's name and path characters guarantee it, and this script checks.
"""
import json, os, re, sys, importlib.util

# IAM policy names are [\w+=,.@-]; paths add '/'. Version ids are v<digits>.
PLAIN = re.compile(r"^[\w+=,.@/-]+$")

def source_path():
    spec = importlib.util.find_spec("moto")
    return os.path.join(os.path.dirname(spec.origin), "iam", "aws_managed_policies.py")

def line(name, entry):
    path = entry.get("Path", "/")
    version = entry["DefaultVersionId"]
    for value in (name, path, version):
        if not PLAIN.match(value):
            raise SystemExit(f"{name}: {value!r} would need escaping; the catalog's line index cannot read it")
    document = json.dumps(entry["Document"], separators=(",", ":"), ensure_ascii=False)
    if "\n" in document:
        raise SystemExit(f"{name}: the document must fit on one line")
    return (f'{{"name":"{name}","path":"{path}","defaultVersionId":"{version}",'
            f'"document":{document}}}')

def main():
    text = open(source_path(), encoding="utf-8").read()
    start = text.index('"""') + 3
    data = json.loads(text[start:text.index('"""', start)])
    source = ("AWS managed policies as published by AWS; extracted from the data in moto "
              "(moto/iam/aws_managed_policies.py) by docs/scripts/extract-managed-policies.py")
    lines = [line(name, data[name]) for name in sorted(data)]
    out = sys.stdout
    out.write('{"source":' + json.dumps(source) + ',\n"policies":[\n')
    out.write(",\n".join(lines))
    out.write("\n]}\n")

main()
