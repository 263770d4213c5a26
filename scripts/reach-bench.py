#!/usr/bin/env python3
"""Times who-can and paths on the generated 10k configuration, with escalation paths to find.

  scripts/reach-bench.py [--iamconf PATH] [--n 10000] [--runs 5] [--out DIR]

The configuration is scripts/generate.py N --seed 1 --accounts 20 (its `iamconf` directory), plus
one account file, attack.yaml, holding the escalation patterns docs/access-intelligence.md lists
(an administrator, and users who can reach it: CreateAccessKey on it, UpdateLoginProfile, their own
AttachUserPolicy / PutUserPolicy, AddUserToGroup into an administrators' group, PassRole with
ec2:RunInstances to an administrator role's instance profile, UpdateAssumeRolePolicy on it), so
`paths` finds and renders paths at scale instead of reporting none.

Each command runs --runs times under /usr/bin/time; the table gives the median wall time, its CPU
(user + sys) and peak RSS. The release binary is the one to measure:
`swift build -c release --product iamconf` (default: .build/release/iamconf).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ATTACK = """\
accounts:
  attack:
    id: "999999999990"
    policies:
      mallory-tools:
        document:
          Version: "2012-10-17"
          Statement:
            - { Effect: Allow, Action: s3:ListBucket, Resource: "*" }
    groups:
      admins: { policies: [AdministratorAccess] }
    roles:
      Admin:
        trust: { services: [ec2.amazonaws.com] }
        policies: [AdministratorAccess]
    instance_profiles:
      admin-profile: { role: Admin }
    users:
      ops: { policies: [AdministratorAccess], login_profile: {} }
"""

PATTERNS = [
    ("keys", "iam:CreateAccessKey", "arn:aws:iam::999999999990:user/ops"),
    ("password", "iam:UpdateLoginProfile", "arn:aws:iam::999999999990:user/ops"),
    ("attach", "iam:AttachUserPolicy", "arn:aws:iam::999999999990:user/${aws:username}"),
    ("inline", "iam:PutUserPolicy", "arn:aws:iam::999999999990:user/${aws:username}"),
    ("group", "iam:AddUserToGroup", "arn:aws:iam::999999999990:group/admins"),
    ("trust", "iam:UpdateAssumeRolePolicy", "arn:aws:iam::999999999990:role/Admin"),
    ("version", "iam:CreatePolicyVersion", "arn:aws:iam::999999999990:policy/mallory-tools"),
]


def attack_yaml():
    text = ATTACK
    for name, action, resource in PATTERNS:
        extra = ", sts:AssumeRole" if action == "iam:UpdateAssumeRolePolicy" else ""
        text += f"""      mallory-{name}:
        policies: [mallory-tools]
        inline_policies:
          Attack:
            Version: "2012-10-17"
            Statement:
              - {{ Effect: Allow, Action: [{action}{extra}], Resource: "{resource}" }}
"""
    text += """      mallory-ec2:
        inline_policies:
          Attack:
            Version: "2012-10-17"
            Statement:
              - { Effect: Allow, Action: [iam:PassRole, ec2:RunInstances], Resource: "*" }
"""
    return text


def timed(command, runs, accepted=(0, 2)):
    """Median wall, CPU and peak RSS (MiB) of `runs` runs; the command must exit with an accepted status."""
    samples = []
    for _ in range(runs):
        result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + command, capture_output=True, text=True)
        if result.returncode not in accepted:
            sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
        wall, user, system, rss = result.stderr.strip().splitlines()[-1].split()
        samples.append((float(wall), float(user) + float(system), int(rss) / 1024, result.stdout))
    samples.sort(key=lambda s: s[0])
    middle = samples[len(samples) // 2]
    return middle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iamconf", default=os.path.join(ROOT, ".build", "release", "iamconf"))
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="reach-bench-")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate.py"), str(args.n), "--seed", "1", "--accounts", "20",
                    "--out", out], check=True, stdout=subprocess.DEVNULL)
    config = os.path.join(out, "iamconf")
    with open(os.path.join(config, "attack.yaml"), "w") as f:
        f.write(attack_yaml())
    binary = args.iamconf
    # The generated policies trip lint ERROR findings (private aws:SourceIp ranges), which validate
    # reports (exit 1); plan, who-can and paths read them as they are.

    commands = [
        ("validate DIR (loading alone, for scale)", [binary, "validate", config]),
        ("who-can s3:GetObject arn:aws:s3:::data-platform-00000/home/x/y DIR",
         [binary, "who-can", "s3:GetObject", "arn:aws:s3:::data-platform-00000/home/x/y", config]),
        ("who-can iam:CreateAccessKey arn:aws:iam::999999999990:user/ops DIR",
         [binary, "who-can", "iam:CreateAccessKey", "arn:aws:iam::999999999990:user/ops", config]),
        ("who-can sts:AssumeRole arn:aws:iam::100000000002:role/role-identity-00004 DIR",
         [binary, "who-can", "sts:AssumeRole", "arn:aws:iam::100000000002:role/role-identity-00004", config]),
        ("paths DIR", [binary, "paths", config]),
        ("paths DIR --json", [binary, "paths", config, "--json"]),
    ]
    print(f"{args.n} resources + attack.yaml ({len(PATTERNS) + 1} escalating users), {args.runs} runs each, {binary}")
    print("| command | wall (median) | CPU | peak RSS |")
    print("| --- | --- | --- | --- |")
    for label, command in commands:
        wall, cpu, rss, stdout = timed(command, args.runs, (0, 1, 2) if command[1] == "validate" else (0, 2))
        note = ""
        if command[1] == "paths" and "--json" in command:
            found = len(json.loads(stdout)["escalation_paths"])
            note = f" ({found} escalation paths)"
        print(f"| `{label}`{note} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB |")


if __name__ == "__main__":
    main()
