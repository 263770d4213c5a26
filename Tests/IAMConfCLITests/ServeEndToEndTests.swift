import Foundation
import Testing

/// `iamconf serve` driven by real clients, boto3 and the aws CLI, over HTTP: the seed's cross-account
/// walkthrough (alice is refused the MFA role with AWS's message, assumes it with the code of her
/// virtual MFA device, writes and reads the bucket, and is refused the object herself) and the
/// authentication failures.
@Suite("serve end to end", .serialized)
struct ServeEndToEndTests {
    @Test func boto3AndTheAWSCLIRunTheWalkthrough() throws {
        guard Self.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let temp = try TemporaryDirectory()
        let config = try temp.copyExample("cross-account")
        // alice signs in with MFA: a virtual MFA device whose seed the state keeps.
        let source = try temp.read("config/source.yaml")
        try #require(source.contains("        access_keys: 1 "))
        try temp.write("config/source.yaml", source.replacingOccurrences(of: "        access_keys: 1 ", with: "        mfa: true\n        access_keys: 1 "))
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        try #require(apply.status == 0, "\(apply)")
        let keyAddress = "source.user.alice.access_key[1]"
        let keyID = try cli.run(["output", keyAddress, "access_key_id", "config", "--raw"]).stdout
        let secret = try cli.run(["output", keyAddress, "secret_access_key", "config", "--raw", "--show-secrets"]).stdout
        try #require(keyID.hasPrefix("AKIA") && secret.count == 40, "\(keyID) \(secret.count)")

        let server = try cli.start(["serve", config.path, "--port", "0"])
        defer { if server.isRunning { server.terminate() } }
        let url = try Self.waitForURL(temp.url.appendingPathComponent("started.stdout"))

        let exports = try cli.run(["lab", "credentials", "source.user.alice", "config"])
        #expect(exports.stdout == "export AWS_ACCESS_KEY_ID=\(keyID)\nexport AWS_SECRET_ACCESS_KEY=\(secret)\nunset AWS_SESSION_TOKEN\n", "\(exports)")
        let profile = try cli.run(["lab", "credentials", "source.user.alice", "config", "--format", "profile"])
        #expect(profile.stdout.hasPrefix("[source-alice]\naws_access_key_id = \(keyID)\n"), "\(profile)")
        let mfa = try cli.run(["lab", "mfa-code", "source.user.alice", "config", "--serial"])
        let lines = mfa.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2 && lines[0].count == 6, "\(mfa)")
        let (code, serial) = (lines[0], lines[1])
        #expect(serial == "arn:aws:iam::222222222222:mfa/alice")

        // boto3: every step, its result as one JSON object.
        try temp.write("walkthrough.py", Self.script)
        let python = try Self.run(["python3", temp.url.appendingPathComponent("walkthrough.py").path, url, keyID, secret, serial, code])
        try #require(python.status == 0, "\(python.output)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(python.output.utf8)) as? [String: String], "\(python.output)")
        #expect(results["whoami"] == "arn:aws:iam::222222222222:user/engineering/alice")
        #expect(results["presigned"]?.contains("<Arn>arn:aws:iam::222222222222:user/engineering/alice</Arn>") == true)
        #expect(
            results["assume_mfa_role"]
                == "AccessDenied: User: arn:aws:iam::222222222222:user/engineering/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/S3Access")
        #expect(results["wrong_code"] == "AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        #expect(results["session"] == "arn:aws:sts::111111111111:assumed-role/S3Access/alice")
        #expect(results["get_object"] == "quarterly numbers")
        #expect(results["alice_get_object"]?.hasPrefix("AccessDenied: User: arn:aws:iam::222222222222:user/engineering/alice is not authorized to perform: s3:GetObject") == true)
        #expect(results["bad_signature"] == "SignatureDoesNotMatch")
        #expect(results["unknown_key"] == "InvalidClientTokenId")

        // The aws CLI, as a learner types it.
        let env = ["AWS_ACCESS_KEY_ID": keyID, "AWS_SECRET_ACCESS_KEY": secret, "AWS_DEFAULT_REGION": "us-east-1"]
        let whoami = try Self.run(["aws", "--endpoint-url", url, "sts", "get-caller-identity", "--output", "text", "--query", "Arn"], env: env)
        #expect(whoami.output.trimmingCharacters(in: .whitespacesAndNewlines) == "arn:aws:iam::222222222222:user/engineering/alice", "\(whoami.output)")
        let refused = try Self.run(
            ["aws", "--endpoint-url", url, "sts", "assume-role", "--role-arn", "arn:aws:iam::111111111111:role/S3Access", "--role-session-name", "alice"],
            env: env)
        #expect(refused.status != 0)
        #expect(refused.output.contains("An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::222222222222:user/engineering/alice is not authorized to perform: sts:AssumeRole"), "\(refused.output)")
        let assumed = try Self.run(
            ["aws", "--endpoint-url", url, "sts", "assume-role", "--role-arn", "arn:aws:iam::111111111111:role/S3Access", "--role-session-name", "alice",
             "--serial-number", serial, "--token-code", try Self.nextCode(after: code, cli: cli),
             "--output", "text", "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]"], env: env)
        let parts = assumed.output.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(parts.count == 3, "\(assumed.output)")
        let session = ["AWS_ACCESS_KEY_ID": parts[0], "AWS_SECRET_ACCESS_KEY": parts[1], "AWS_SESSION_TOKEN": parts[2], "AWS_DEFAULT_REGION": "us-east-1"]
        try temp.write("report.csv", "a,b\n1,2\n")
        let put = try Self.run(
            ["aws", "--endpoint-url", url, "s3api", "put-object", "--bucket", "shared-reports", "--key", "reports/q3.csv", "--body",
             temp.url.appendingPathComponent("report.csv").path], env: session)
        #expect(put.status == 0, "\(put.output)")
        let get = try Self.run(
            ["aws", "--endpoint-url", url, "s3api", "get-object", "--bucket", "shared-reports", "--key", "reports/q3.csv",
             temp.url.appendingPathComponent("back.csv").path], env: session)
        #expect(get.status == 0, "\(get.output)")
        #expect((try? temp.read("back.csv")) == "a,b\n1,2\n")
        var wrong = env
        wrong["AWS_SECRET_ACCESS_KEY"] = String(secret.reversed())
        let forged = try Self.run(["aws", "--endpoint-url", url, "sts", "get-caller-identity"], env: wrong)
        #expect(forged.output.contains("(SignatureDoesNotMatch)"), "\(forged.output)")

        // iamconf's own endpoint backend applies another configuration through serve with the
        // management credential, reaching account 333333333333 through OrganizationAccountAccessRole.
        let banner = try temp.read("started.stdout")
        func exported(_ name: String) -> String? {
            banner.split(separator: "\n").first { $0.contains("export \(name)=") }.map { String($0.split(separator: "=").last ?? "") }
        }
        let management = ["AWS_ACCESS_KEY_ID": try #require(exported("AWS_ACCESS_KEY_ID")), "AWS_SECRET_ACCESS_KEY": try #require(exported("AWS_SECRET_ACCESS_KEY"))]
        _ = try temp.copyExample("admins-group", to: "admins")
        var admin = CLIRunner(directory: temp.url)
        admin.environment = management
        let endpoint = ["--backend", "endpoint", "--endpoint-url", url]
        let applied = try admin.run(["apply", "admins", "--auto-approve"] + endpoint)
        #expect(applied.status == 0 && applied.stdout.contains("Apply complete! Resources: 20 added"), "\(applied)")
        let users = try Self.run(
            ["aws", "--endpoint-url", url, "sts", "assume-role", "--role-arn", "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
             "--role-session-name", "admin", "--output", "text", "--query", "AssumedRoleUser.Arn"], env: management.merging(["AWS_DEFAULT_REGION": "us-east-1"]) { $1 })
        #expect(users.output.contains("arn:aws:sts::333333333333:assumed-role/OrganizationAccountAccessRole/admin"), "\(users.output)")
        // An auditor's snapshot of the account, as the aws CLI pages it.
        let adminSession = try Self.run(
            ["aws", "--endpoint-url", url, "sts", "assume-role", "--role-arn", "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
             "--role-session-name", "audit", "--output", "text", "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]"],
            env: management.merging(["AWS_DEFAULT_REGION": "us-east-1"]) { $1 })
        let keys = adminSession.output.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(keys.count == 3, "\(adminSession.output)")
        // Two entities a call: the CLI follows the markers across the four lists and merges them.
        let everything = try Self.run(
            ["aws", "--endpoint-url", url, "iam", "get-account-authorization-details", "--page-size", "2", "--output", "text",
             "--query", "[UserDetailList[].UserName, GroupDetailList[].GroupName]"],
            env: ["AWS_ACCESS_KEY_ID": keys[0], "AWS_SECRET_ACCESS_KEY": keys[1], "AWS_SESSION_TOKEN": keys[2], "AWS_DEFAULT_REGION": "us-east-1"])
        #expect(everything.status == 0 && ["alice", "bob", "carol", "IAMAdmins", "developers", "auditors"].allSatisfy(everything.output.contains), "\(everything.output)")
        // Reading everything back through serve finds what was applied, and nothing else.
        let refreshed = try admin.run(["plan", "admins", "--refresh", "--detailed-exitcode"] + endpoint)
        #expect(refreshed.status == 0 && refreshed.stdout.contains("No changes."), "\(refreshed)")
        let destroyed = try admin.run(["destroy", "admins", "--auto-approve"] + endpoint)
        #expect(destroyed.status == 0 && destroyed.stdout.contains("Destroy complete! Resources: 20 destroyed."), "\(destroyed)")

        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        #expect((try? temp.read("started.stdout"))?.contains("stopped; the world is saved") == true)
        // Every decision is in the log, with the statements that made it.
        let log = try cli.run(["lab", "log", "config"])
        #expect(log.status == 0, "\(log)")
        #expect(log.stdout.contains("ALLOWED  arn:aws:sts::111111111111:assumed-role/S3Access/alice  s3:PutObject  arn:aws:s3:::shared-reports/q3.txt"), "\(log.stdout)")
        #expect(log.stdout.contains("    AWS managed AmazonS3FullAccess statement 0"), "\(log.stdout)")
        let denied = try cli.run(["lab", "log", "config", "--denied"])
        #expect(denied.stdout.contains("DENIED  arn:aws:iam::222222222222:user/engineering/alice  sts:AssumeRole  arn:aws:iam::111111111111:role/S3Access  [AccessDenied]"), "\(denied.stdout)")
        #expect(denied.stdout.contains("    missing context keys: aws:MultiFactorAuthPresent"), "\(denied.stdout)")
        #expect(denied.stdout.contains("UNAUTHENTICATED  (unauthenticated)  sts:GetCallerIdentity    [SignatureDoesNotMatch]"), "\(denied.stdout)")
        #expect(!denied.stdout.contains("ALLOWED"))
        // The objects stay with the world for the next run.
        #expect((try? temp.read("config/.iamconf/objects.json"))?.contains("reports/q3.csv") == true)
    }

    static let script = #"""
        import json, sys, urllib.request
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError

        url, key, secret, serial, code = sys.argv[1:6]
        config = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1})
        def client(service, **creds):
            return boto3.client(service, endpoint_url=url, region_name="us-east-1", config=config, **creds)
        def error(call):
            try:
                call()
                return "no error"
            except ClientError as e:
                return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]

        alice = dict(aws_access_key_id=key, aws_secret_access_key=secret)
        out = {}
        out["whoami"] = client("sts", **alice).get_caller_identity()["Arn"]
        presigned = client("sts", **alice).generate_presigned_url("get_caller_identity", ExpiresIn=60, HttpMethod="GET")
        out["presigned"] = urllib.request.urlopen(presigned).read().decode()
        out["assume_mfa_role"] = error(lambda: client("sts", **alice).assume_role(
            RoleArn="arn:aws:iam::111111111111:role/S3Access", RoleSessionName="alice"))
        wrong = "000000" if code != "000000" else "111111"
        out["wrong_code"] = error(lambda: client("sts", **alice).assume_role(
            RoleArn="arn:aws:iam::111111111111:role/S3Access", RoleSessionName="alice", SerialNumber=serial, TokenCode=wrong))
        creds = client("sts", **alice).assume_role(
            RoleArn="arn:aws:iam::111111111111:role/S3Access", RoleSessionName="alice", SerialNumber=serial, TokenCode=code)["Credentials"]
        session = dict(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                       aws_session_token=creds["SessionToken"])
        out["session"] = client("sts", **session).get_caller_identity()["Arn"]
        s3 = client("s3", **session)
        s3.put_object(Bucket="shared-reports", Key="q3.txt", Body=b"quarterly numbers")
        out["get_object"] = s3.get_object(Bucket="shared-reports", Key="q3.txt")["Body"].read().decode()
        out["alice_get_object"] = error(lambda: client("s3", **alice).get_object(Bucket="shared-reports", Key="q3.txt"))
        out["bad_signature"] = error(lambda: client("sts", aws_access_key_id=key, aws_secret_access_key=secret[::-1]).get_caller_identity()).split(":")[0]
        out["unknown_key"] = error(lambda: client("sts", aws_access_key_id="AKIAUNKNOWNUNKNOWN00", aws_secret_access_key=secret).get_caller_identity()).split(":")[0]
        print(json.dumps(out))
        """#

    static let hasClients: Bool = {
        (try? run(["python3", "-c", "import boto3"]).status == 0) == true && (try? run(["aws", "--version"]).status == 0) == true
    }()

    /// Waits for `serve`'s first line and returns its URL.
    static func waitForURL(_ stdout: URL) throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: stdout, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on ") {
                let url = text[range.upperBound...].prefix { !$0.isWhitespace }
                if !url.isEmpty { return String(url) }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw ServeTimeout()
    }

    struct ServeTimeout: Error {}

    /// Runs a program found on PATH; stdout and stderr together.
    static func run(_ arguments: [String], env: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] { environment[name] = nil }
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        for (key, value) in env { environment[key] = value }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
