import Foundation
import IAMConfTOTP
import Testing

/// A learner makes a virtual MFA device through `iamconf serve` with the aws CLI, as IAM's guide
/// does it (create-virtual-mfa-device, then enable-mfa-device with two consecutive codes), and
/// alice signs STS calls with its codes through boto3: a code is good once, and session policies
/// and tags are held to STS's limits (ValidationError, PackedPolicyTooLarge, PackedPolicySize).
@Suite("serve: MFA devices and session limits end to end", .serialized)
struct ServeMFAEndToEndTests {
    @Test func aDeviceMadeWithTheAWSCLISignsSTSCallsOnce() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let temp = try TemporaryDirectory()
        let config = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        try #require(apply.status == 0, "\(apply)")
        let keyAddress = "source.user.alice.access_key[1]"
        let keyID = try cli.run(["output", keyAddress, "access_key_id", "config", "--raw"]).stdout
        let secret = try cli.run(["output", keyAddress, "secret_access_key", "config", "--raw", "--show-secrets"]).stdout

        let server = try cli.start(["serve", config.path, "--port", "0"])
        defer { if server.isRunning { server.terminate() } }
        let url = try ServeEndToEndTests.waitForURL(temp.url.appendingPathComponent("started.stdout"))
        let banner = try temp.read("started.stdout")
        func exported(_ name: String) -> String? {
            banner.split(separator: "\n").first { $0.contains("export \(name)=") }.map { String($0.split(separator: "=").last ?? "") }
        }
        let management = [
            "AWS_ACCESS_KEY_ID": try #require(exported("AWS_ACCESS_KEY_ID")), "AWS_SECRET_ACCESS_KEY": try #require(exported("AWS_SECRET_ACCESS_KEY")),
            "AWS_DEFAULT_REGION": "us-east-1",
        ]
        // The learner: an administrator session in alice's account.
        let assumed = try ServeEndToEndTests.run(
            ["aws", "--endpoint-url", url, "sts", "assume-role", "--role-arn", "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
             "--role-session-name", "learner", "--output", "text", "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]"], env: management)
        let parts = assumed.output.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(parts.count == 3, "\(assumed.output)")
        let learner = ["AWS_ACCESS_KEY_ID": parts[0], "AWS_SECRET_ACCESS_KEY": parts[1], "AWS_SESSION_TOKEN": parts[2], "AWS_DEFAULT_REGION": "us-east-1"]
        func iam(_ arguments: [String]) throws -> (status: Int32, output: String) {
            try ServeEndToEndTests.run(["aws", "--endpoint-url", url, "iam"] + arguments, env: learner)
        }

        let seedFile = temp.url.appendingPathComponent("alice-seed.txt").path
        let created = try iam(
            ["create-virtual-mfa-device", "--virtual-mfa-device-name", "alice", "--outfile", seedFile, "--bootstrap-method", "Base32StringSeed",
             "--output", "text", "--query", "VirtualMFADevice.SerialNumber"])
        let serial = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(serial == "arn:aws:iam::222222222222:mfa/alice", "\(created.output)")
        let seed = try String(contentsOfFile: seedFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let totp = try #require(TOTP(base32Seed: seed), "the seed the aws CLI wrote is not Base32: \(seed)")

        let unassigned = try iam(["list-virtual-mfa-devices", "--assignment-status", "Unassigned", "--output", "text", "--query", "VirtualMFADevices[].SerialNumber"])
        #expect(unassigned.output.contains(serial), "\(unassigned.output)")
        let (first, second) = totp.consecutiveCodes(at: Date())
        let wrong = try iam(["enable-mfa-device", "--user-name", "alice", "--serial-number", serial,
                             "--authentication-code1", second, "--authentication-code2", first])
        #expect(wrong.output.contains("An error occurred (InvalidAuthenticationCode) when calling the EnableMFADevice operation: Authentication code for device is not valid."),
                "\(wrong.output)")
        let enabled = try iam(["enable-mfa-device", "--user-name", "alice", "--serial-number", serial,
                               "--authentication-code1", first, "--authentication-code2", second])
        #expect(enabled.status == 0, "\(enabled.output)")
        let assigned = try iam(["list-virtual-mfa-devices", "--assignment-status", "Assigned", "--output", "text",
                                "--query", "VirtualMFADevices[].[SerialNumber,User.UserName]"])
        #expect(assigned.output.contains("\(serial)\talice"), "\(assigned.output)")
        let listed = try iam(["list-mfa-devices", "--user-name", "alice", "--output", "text", "--query", "MFADevices[].SerialNumber"])
        #expect(listed.output.trimmingCharacters(in: .whitespacesAndNewlines) == serial, "\(listed.output)")
        let busy = try iam(["delete-virtual-mfa-device", "--serial-number", serial])
        #expect(busy.output.contains("(DeleteConflict)"), "\(busy.output)")

        // alice, through boto3.
        try temp.write("alice.py", Self.script)
        let code = try ServeEndToEndTests.nextCode(after: "", totp: totp)
        let python = try ServeEndToEndTests.run(["python3", temp.url.appendingPathComponent("alice.py").path, url, keyID, secret, serial, code])
        try #require(python.status == 0, "\(python.output)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(python.output.utf8)) as? [String: String], "\(python.output)")
        #expect(results["session"] == "arn:aws:sts::111111111111:assumed-role/S3Access/alice")
        let size = Int(results["packed_policy_size"] ?? "") ?? -1
        #expect((1...15).contains(size), "PackedPolicySize of a one-statement session policy: \(results["packed_policy_size"] ?? "none")")
        #expect(results["session_policy_limits_put"]?.hasPrefix("AccessDenied: ") == true, "\(results)")
        #expect(results["reused_code"] == "AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        #expect(results["reused_in_get_session_token"] == "AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        #expect(results["bad_tag_key"]?.hasPrefix("ValidationError: 1 validation error detected: Value 'cost#center' at 'tags.1.member.key' failed to satisfy constraint") == true,
                "\(results)")
        let tooLarge = results["too_large"] ?? ""
        #expect(tooLarge.hasPrefix("PackedPolicyTooLarge: Packed ") && tooLarge.contains("% of allotted space"), "\(tooLarge)")
        #expect(results["policy_too_long"]?.hasPrefix("ValidationError: ") == true, "\(results)")

        // Deactivated, the device no longer signs anything; then it can be deleted.
        #expect(try iam(["deactivate-mfa-device", "--user-name", "alice", "--serial-number", serial]).status == 0)
        #expect(try iam(["delete-virtual-mfa-device", "--serial-number", serial]).status == 0)
        let gone = try iam(["list-virtual-mfa-devices", "--output", "text", "--query", "VirtualMFADevices[].SerialNumber"])
        #expect(!gone.output.contains(serial), "\(gone.output)")
    }

    static let script = #"""
        import json, sys
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError

        url, key, secret, serial, code = sys.argv[1:6]
        config = Config(retries={"max_attempts": 1})
        def client(service, **creds):
            return boto3.client(service, endpoint_url=url, region_name="us-east-1", config=config, **creds)
        def error(call):
            try:
                call()
                return "no error"
            except ClientError as e:
                return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]

        alice = dict(aws_access_key_id=key, aws_secret_access_key=secret)
        sts = client("sts", **alice)
        role = "arn:aws:iam::111111111111:role/S3Access"
        read_only = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared-reports/*"}]})
        out = {}
        answer = sts.assume_role(RoleArn=role, RoleSessionName="alice", SerialNumber=serial, TokenCode=code, Policy=read_only)
        out["packed_policy_size"] = str(answer.get("PackedPolicySize", "absent"))
        creds = answer["Credentials"]
        session = dict(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                       aws_session_token=creds["SessionToken"])
        out["session"] = client("sts", **session).get_caller_identity()["Arn"]
        out["session_policy_limits_put"] = error(lambda: client("s3", **session).put_object(Bucket="shared-reports", Key="x", Body=b"x"))
        out["reused_code"] = error(lambda: sts.assume_role(RoleArn=role, RoleSessionName="alice", SerialNumber=serial, TokenCode=code))
        out["reused_in_get_session_token"] = error(lambda: sts.get_session_token(SerialNumber=serial, TokenCode=code))
        out["bad_tag_key"] = error(lambda: sts.assume_role(RoleArn=role, RoleSessionName="alice", Tags=[{"Key": "cost#center", "Value": "x"}]))
        # A policy near 2,048 characters with 50 tags of long distinct values does not fit the packed space.
        statements = [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-%02d/*" % i} for i in range(24)]
        big = json.dumps({"Version": "2012-10-17", "Statement": statements}, separators=(",", ":"))
        assert 1900 < len(big) <= 2048, len(big)
        import hashlib
        tags = [{"Key": "attribute-%02d" % i, "Value": hashlib.sha256(str(i).encode()).hexdigest()} for i in range(50)]
        out["too_large"] = error(lambda: sts.assume_role(RoleArn=role, RoleSessionName="alice", Policy=big, Tags=tags))
        out["policy_too_long"] = error(lambda: sts.assume_role(RoleArn=role, RoleSessionName="alice", Policy=big + " " * 200))
        print(json.dumps(out))
        """#
}

extension ServeEndToEndTests {
    /// A code of the device different from `previous`: STS takes each code once, so a second call
    /// waits for the device's next time step (at most 30 seconds).
    static func nextCode(after previous: String, totp: TOTP) throws -> String {
        let deadline = Date().addingTimeInterval(35)
        while Date() < deadline {
            let code = totp.code(at: Date())
            if code != previous { return code }
            Thread.sleep(forTimeInterval: 0.5)
        }
        throw ServeTimeout()
    }

    /// The next code of a user's device, from `iamconf lab mfa-code`.
    static func nextCode(after previous: String, cli: CLIRunner) throws -> String {
        let deadline = Date().addingTimeInterval(35)
        while Date() < deadline {
            let code = try cli.run(["lab", "mfa-code", "source.user.alice", "config"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if code != previous { return code }
            Thread.sleep(forTimeInterval: 1)
        }
        throw ServeTimeout()
    }
}
