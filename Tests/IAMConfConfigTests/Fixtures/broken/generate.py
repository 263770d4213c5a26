#!/usr/bin/env python3
"""Writes the broken-configuration fixtures: one directory per case, with its files and an
expected.txt listing `file:line:column: severity [code]` for every diagnostic.

Each case marks the spot a diagnostic must point at with ⟦code⟧ (or ⟦warning:code⟧) inside the
file text; the marker is removed from the written file and its position recorded. The Swift test
(BrokenConfigurationTests) loads each directory and compares the diagnostics with expected.txt.
Re-run after editing a case: python3 generate.py
"""
import os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
A = 'accounts:\n  a:\n    id: "111111111111"\n'

def acct(body):
    return A + body

CASES = {
  "yaml-tab-indent": {"main.yaml": 'accounts:\n  a:\n⟦yaml-syntax⟧\tid: "111111111111"\n'},
  "yaml-unclosed-flow": {"main.yaml": acct('    users: { alice: {} ⟦yaml-syntax⟧]\n')},
  "yaml-duplicate-key": {"main.yaml": acct('    users:\n      alice: {}\n    ⟦duplicate-key⟧users:\n      bob: {}\n')},
  "yaml-two-duplicates": {"main.yaml": acct('    alias: one\n    ⟦duplicate-key⟧alias: two\n    users:\n      alice:\n        path: /a/\n        ⟦duplicate-key⟧path: /b/\n')},
  "root-not-mapping": {"main.yaml": '⟦wrong-type⟧- accounts\n- users\n'},
  "unknown-top-level-key": {"main.yaml": acct('⟦unknown-key⟧acounts_extra: {}\n')},
  "unknown-account-key": {"main.yaml": acct('    ⟦unknown-key⟧user:\n      alice: {}\n')},
  "unknown-role-key": {"main.yaml": acct('    roles:\n      R:\n        trust: { services: [ec2.amazonaws.com] }\n        ⟦unknown-key⟧max_session: 3600\n')},
  "users-not-mapping": {"main.yaml": acct('    users: ⟦wrong-type⟧[alice, bob]\n')},
  "bool-as-string": {"main.yaml": acct('    root: { email: r@example.com, mfa: ⟦wrong-type⟧"yes" }\n')},
  "account-without-id": {"main.yaml": 'accounts:\n  ⟦missing-key⟧a:\n    users: { alice: {} }\n'},
  "account-id-short": {"main.yaml": 'accounts:\n  a:\n    id: ⟦invalid-account-id⟧"11111111111"\n'},
  "account-id-letters": {"main.yaml": 'accounts:\n  a:\n    id: ⟦invalid-account-id⟧"11111111111x"\n'},
  "account-id-duplicate": {"main.yaml": 'accounts:\n  a:\n    id: "111111111111"\n  b:\n    id: ⟦duplicate-account-id⟧"111111111111"\n'},
  "account-name-with-dot": {"main.yaml": 'accounts:\n  ⟦invalid-account-name⟧my.account:\n    id: "111111111111"\n'},
  "account-alias-invalid": {"main.yaml": acct('    alias: ⟦invalid-alias⟧-acme\n')},
  "user-name-invalid": {"main.yaml": acct('    users:\n      ⟦invalid-name⟧alice!: {}\n')},
  "user-name-too-long": {"main.yaml": acct('    users:\n      ⟦invalid-name⟧' + 'u' * 65 + ': {}\n')},
  "role-name-too-long": {"main.yaml": acct('    roles:\n      ⟦invalid-name⟧' + 'r' * 65 + ': { trust: { services: [ec2.amazonaws.com] } }\n')},
  "path-without-slash": {"main.yaml": acct('    groups:\n      g: { path: ⟦invalid-path⟧/eng }\n')},
  "duplicate-user-case": {"main.yaml": acct('    users:\n      alice: {}\n      ⟦duplicate-name⟧ALICE: {}\n')},
  "duplicate-user-across-files": {
      "a.yaml": acct('    users:\n      alice: {}\n'),
      "b.yaml": 'accounts:\n  a:\n    users:\n      ⟦duplicate-name⟧alice: {}\n'},
  "duplicate-bucket-across-accounts": {"main.yaml": acct('    buckets: { reports: {} }\n  b:\n    id: "222222222222"\n    buckets:\n      ⟦duplicate-name⟧reports: {}\n')},
  "duplicate-account-setting": {
      "a.yaml": acct('    alias: acme-one\n'),
      "b.yaml": 'accounts:\n  a:\n    ⟦duplicate-setting⟧alias: acme-two\n'},
  "unknown-group": {"main.yaml": acct('    users:\n      alice: { groups: [⟦unknown-group⟧admins] }\n    groups: { Admins: {} }\n')},
  "unknown-member": {"main.yaml": acct('    groups:\n      devs: { members: [⟦unknown-user⟧bob] }\n')},
  "membership-both-ways": {"main.yaml": acct('    users:\n      alice: { groups: [devs] }\n    groups:\n      devs: { members: [⟦duplicate-membership⟧alice] }\n')},
  "unknown-policy-name": {"main.yaml": acct('    roles:\n      R:\n        trust: { services: [ec2.amazonaws.com] }\n        policies: [⟦unknown-policy⟧S3FullAccess]\n')},
  "unknown-boundary": {"main.yaml": acct('    users:\n      alice: { permissions_boundary: ⟦unknown-policy⟧DevBoundary }\n')},
  "reference-unknown-account": {"main.yaml": acct('    users:\n      alice: { tags: { peer: "⟦unknown-reference⟧${accounts.other.id}" } }\n')},
  "reference-unknown-role": {"main.yaml": acct('    policies:\n      P:\n        document:\n          Version: "2012-10-17"\n          Statement:\n            - Effect: Allow\n              Action: sts:AssumeRole\n              Resource: "⟦unknown-reference⟧${accounts.a.roles.S3Acess.arn}"\n    roles:\n      S3Access: { trust: { accounts: [a] } }\n')},
  "reference-wrong-kind": {"main.yaml": acct('    users:\n      alice: { tags: { r: "⟦wrong-reference-kind⟧${accounts.a.groups.alice.arn}" } }\n')},
  "reference-malformed": {"main.yaml": acct('    users:\n      alice: { tags: { r: "⟦invalid-reference⟧${accounts.a.users.alice.id}" } }\n')},
  "trust-unknown-account": {"main.yaml": acct('    roles:\n      R: { trust: { accounts: [⟦unknown-reference⟧sorce], require_mfa: true } }\n')},
  "role-without-trust": {"main.yaml": acct('    roles:\n      ⟦missing-trust⟧R: { policies: [ReadOnlyAccess] }\n')},
  "role-both-trust-forms": {"main.yaml": acct('    roles:\n      R:\n        trust: { services: [ec2.amazonaws.com] }\n        ⟦conflicting-keys⟧trust_policy: policies/trust.json\n')},
  "session-duration-too-long": {"main.yaml": acct('    roles:\n      R: { trust: { services: [ec2.amazonaws.com] }, max_session_duration: ⟦invalid-session-duration⟧86400 }\n')},
  "too-many-access-keys": {"main.yaml": acct('    users:\n      alice: { access_keys: ⟦too-many-access-keys⟧5 }\n')},
  "instance-profile-unknown-role": {"main.yaml": acct('    instance_profiles:\n      web: { role: ⟦unknown-reference⟧WebServer }\n')},
  "instance-profile-two-roles": {"main.yaml": acct('    roles:\n      R1: { trust: { services: [ec2.amazonaws.com] } }\n      R2: { trust: { services: [ec2.amazonaws.com] } }\n    instance_profiles:\n      web: { role: ⟦too-many-roles⟧[R1, R2] }\n')},
  "policy-json-file-syntax": {
      "main.yaml": acct('    policies:\n      P: { document: policies/p.json }\n'),
      "policies/p.json": '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", ⟦json-syntax⟧}\n  ]\n}\n'},
  "policy-json-file-grammar": {
      "main.yaml": acct('    policies:\n      P: { document: policies/p.json }\n'),
      "policies/p.json": '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": ⟦policy-effect-invalid⟧"Permit", "Action": "s3:*", "Resource": "*" }\n  ]\n}\n'},
  "policy-json-file-missing": {"main.yaml": acct('    policies:\n      P: { document: ⟦file-not-found⟧policies/nope.json }\n')},
  "policy-unknown-element": {"main.yaml": acct('    policies:\n      P:\n        document:\n          Version: "2012-10-17"\n          Statement:\n            - Effect: Allow\n              ⟦policy-unknown-key⟧Actions: s3:GetObject\n              Resource: "*"\n').replace("⟦policy-unknown-key⟧Actions", "⟦policy-unknown-key⟧Actions").replace('              Resource: "*"\n', '              Action: s3:GetObject\n              Resource: "*"\n')},
  "bucket-policy-without-principal": {"main.yaml": acct('    buckets:\n      reports:\n        policy:\n          Version: "2012-10-17"\n          Statement:\n            - ⟦policy-principal-missing⟧Effect: Allow\n              Action: s3:GetObject\n              Resource: arn:aws:s3:::reports/*\n')},
  "bucket-name-invalid": {"main.yaml": acct('    buckets:\n      ⟦invalid-name⟧Reports_2024: {}\n')},
  "managed-policy-too-large": {"main.yaml": acct('    policies:\n      Big:\n        document: ⟦policy-too-large⟧{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: [' + ", ".join("s3:GetObjectVersion%04d" % i for i in range(1, 261)) + '], Resource: "*" }] }\n')},
  "too-many-tags": {"main.yaml": acct('    roles:\n      R:\n        trust: { services: [ec2.amazonaws.com] }\n        tags: ⟦too-many-tags⟧{ ' + ", ".join("k%d: v" % i for i in range(51)) + ' }\n')},
  "oidc-without-url": {"main.yaml": acct('    identity_providers:\n      ⟦missing-key⟧gh: { type: oidc, client_ids: [sts.amazonaws.com] }\n')},
  "saml-metadata-missing": {"main.yaml": acct('    identity_providers:\n      corp: { type: saml, metadata_file: ⟦file-not-found⟧corp.xml }\n')},
  "expectation-unknown-principal": {"main.yaml": acct('    users: { alice: {} }\nexpectations:\n  - principal: ⟦unknown-reference⟧a.user.alcie\n    action: s3:GetObject\n    resource: "*"\n    expect: deny\n')},
  "yaml-duplicate-quoted-key": {"main.yaml": acct('    users:\n      "alice": {}\n      ⟦duplicate-key⟧"alice": {}\n      bob: { path: ⟦invalid-path⟧x }\n')},
  "expectation-bad-action-and-resource": {"main.yaml": acct('    users: { alice: {} }\nexpectations:\n  - principal: a.user.alice\n    action: ⟦invalid-value⟧GetObject\n    resource: ⟦invalid-arn⟧bucket/key\n    expect: deny\n')},
  "expectation-bad-outcome": {"main.yaml": acct('    users: { alice: {} }\nexpectations:\n  - principal: a.user.alice\n    action: s3:GetObject\n    resource: "*"\n    expect: ⟦invalid-value⟧allowed\n')},
  "many-problems": {"main.yaml":
      'accounts:\n'
      '  prod:\n'
      '    id: ⟦invalid-account-id⟧"1234"\n'
      '    ⟦unknown-key⟧aliass: acme\n'
      '    users:\n'
      '      alice:\n'
      '        groups: [⟦unknown-group⟧develoeprs]\n'
      '        policies: [⟦unknown-policy⟧AmazonS3FullAcess]\n'
      '        access_keys: ⟦too-many-access-keys⟧3\n'
      '      ⟦invalid-name⟧bad name: {}\n'
      '    groups:\n'
      '      developers: { path: ⟦invalid-path⟧dev }\n'
      '    roles:\n'
      '      ⟦missing-trust⟧Orphan: {}\n'
      '      Deploy:\n'
      '        trust: { accounts: [⟦unknown-reference⟧staging], require_mfa: true }\n'
      '        max_session_duration: ⟦invalid-session-duration⟧60\n'},
  "many-problems-across-files": {
      "10-accounts.yaml": 'accounts:\n  a:\n    id: "111111111111"\n  b:\n    id: ⟦duplicate-account-id⟧"111111111111"\n',
      "20-users.yaml": 'accounts:\n  a:\n    users:\n      alice: { groups: [devs] }\n    groups:\n      devs: { members: [⟦duplicate-membership⟧alice, ⟦unknown-user⟧bob] }\n',
      "30-more.yaml": 'accounts:\n  a:\n    users:\n      ⟦duplicate-name⟧alice: {}\n    roles:\n      R:\n        trust: ⟦warning:cross-account-trust⟧{ accounts: ["999999999999"] }\n        policies: [⟦warning:full-access⟧AdministratorAccess]\n'},
  "hostile-alias-bomb": {"main.yaml": acct('    policies:\n      P:\n        document:\n          Version: "2012-10-17"\n          Statement:\n            - Effect: Allow\n              Action: s3:GetObject\n              Resource: "*"\n              Condition:\n                StringEquals:\n                  k1: &a [x, x, x, x, x, x, x, x]\n                  k2: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n                  k3: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n                  k4: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n                  k5: &e [*d, *d, *d, *d, *d, *d, *d, *d]\n                  k6: &f [*e, *e, *e, *e, *e, *e, *e, *e]\n                  k7: &g [*f, *f, *f, *f, *f, *f, *f, *f]\n                  k8: &h [*g, *g, *g, *g, *g, *g, *g, *g]\n                  k9: &i [*h, *h, *h, *h, *h, *h, *h, *h]\n'), "__expected__": "EXPECTED_BOMB"},
  "account-not-mapping": {"main.yaml": 'accounts:\n  a:\n    id: "111111111111"\n    users:\n      alice: { tags: { team: "x" } }\n  b: ⟦wrong-type⟧just a string\n'},
}

# Cases whose spots cannot be marked inline, with expectations checked by hand: the alias bomb
# expands to 8^9 nodes; the loader stops converting after its node budget and says so.
EXPECTED = {"EXPECTED_BOMB": ["main.yaml:14:36: error [document-too-large]"]}

def strip(text):
    out, marks, line, col, i = [], [], 1, 1, 0
    while i < len(text):
        if text[i] == "⟦":
            j = text.index("⟧", i)
            code = text[i + 1:j]
            severity = "warning" if code.startswith("warning:") else "error"
            marks.append((line, col, severity, code.split(":", 1)[-1]))
            i = j + 1
            continue
        ch = text[i]
        out.append(ch)
        if ch == "\n":
            line, col = line + 1, 1
        else:
            col += 1
        i += 1
    return "".join(out), marks

def main():
    for entry in os.listdir(HERE):
        if os.path.isdir(os.path.join(HERE, entry)):
            shutil.rmtree(os.path.join(HERE, entry))
    for index, (name, files) in enumerate(CASES.items(), start=1):
        directory = os.path.join(HERE, "%02d-%s" % (index, name))
        os.makedirs(directory)
        expected = []
        for path, marked in files.items():
            if path == "__expected__":
                continue
            text, marks = strip(marked)
            os.makedirs(os.path.dirname(os.path.join(directory, path)), exist_ok=True)
            with open(os.path.join(directory, path), "w") as handle:
                handle.write(text)
            expected += ["%s:%d:%d: %s [%s]" % (path, l, c, s, code) for (l, c, s, code) in marks]
        if "__expected__" in files:
            expected = EXPECTED[files["__expected__"]]
        with open(os.path.join(directory, "expected.txt"), "w") as handle:
            handle.write("\n".join(sorted(expected)) + "\n")
    print(len(CASES), "cases")

main()
