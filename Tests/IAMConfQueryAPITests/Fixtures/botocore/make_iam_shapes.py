#!/usr/bin/env python3
"""Dump the input members of botocore's IAM and STS service models to iam-input-shapes.json.

For each operation: every top-level input member and the required ones. The Swift codec tests
check that each IAMRequest encodes to an operation AWS defines, with only parameters that
operation accepts and all the ones it requires. Run from this folder: python3 make_iam_shapes.py
"""
import json

import botocore
import botocore.session


def shapes(service):
    model = botocore.session.get_session().get_service_model(service)
    out = {}
    for name in model.operation_names:
        shape = model.operation_model(name).input_shape
        members = sorted(shape.members) if shape else []
        required = sorted(shape.required_members) if shape else []
        list_members = sorted(m for m in members if shape.members[m].type_name == "list")
        out[name] = {"members": members, "required": required, "lists": list_members}
    return out


if __name__ == "__main__":
    data = {"botocore": botocore.__version__, "iam": shapes("iam"), "sts": shapes("sts")}
    with open("iam-input-shapes.json", "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(data['iam'])} IAM and {len(data['sts'])} STS operations (botocore {botocore.__version__})")
