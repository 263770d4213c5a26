import Foundation
import Testing

/// The decision log names each deciding statement with the `file:line:column` the configuration
/// wrote it at, for an allow and for an explicit deny made by a real client (boto3) through
/// `iamconf serve`; a document changed through the endpoint since is no longer located.
@Suite("serve decision locations", .serialized)
struct ServeDecisionLocationTests {
    static let configuration = """
        accounts:
          lab:
            id: "111111111111"
            users:
              carol:
                access_keys: 1
                inline_policies:
                  reports:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: UseReports
                        Effect: Allow
                        Action: [s3:*, iam:PutUserPolicy]
                        Resource: "*"
                      - Sid: NoDeletes
                        Effect: Deny
                        Action: s3:DeleteObject
                        Resource: "*"
            buckets:
              reports: {}

        """

    /// `line:column` (1-based) where `marker` starts in the configuration.
    static func place(of marker: String) throws -> String {
        let lines = configuration.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains(marker) })
        let column = try #require(lines[index].range(of: marker)).lowerBound.utf16Offset(in: lines[index]) + 1
        return "\(index + 1):\(column)"
    }

    @Test func theLogNamesWhereTheDecidingStatementIsWritten() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 is needed (.ci/run installs it)")
            return
        }
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration)
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        try #require(apply.status == 0, "\(apply)")
        let keyAddress = "lab.user.carol.access_key[1]"
        let keyID = try cli.run(["output", keyAddress, "access_key_id", "config", "--raw"]).stdout
        let secret = try cli.run(["output", keyAddress, "secret_access_key", "config", "--raw", "--show-secrets"]).stdout
        let server = try cli.start(["serve", "config", "--port", "0"])
        defer { if server.isRunning { server.terminate() } }
        let url = try ServeEndToEndTests.waitForURL(temp.url.appendingPathComponent("started.stdout"))

        try temp.write("calls.py", Self.script)
        let python = try ServeEndToEndTests.run(["python3", temp.url.appendingPathComponent("calls.py").path, url, keyID, secret])
        try #require(python.status == 0, "\(python.output)")
        #expect(python.output.contains("put ok") && python.output.contains("delete AccessDenied") && python.output.contains("get ok"), "\(python.output)")
        server.terminate()
        server.waitUntilExit()

        let log = try cli.run(["lab", "log", "config", "--json"])
        try #require(log.status == 0, "\(log)")
        let records = try log.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        func statements(_ action: String) throws -> [[String: String]] {
            let record = try #require(records.first { $0["action"] as? String == action }, "\(log.stdout)")
            return try #require(record["statements"] as? [[String: String]], "\(record)")
        }
        let allowed = try statements("s3:PutObject")
        #expect(allowed.map { $0["text"] } == ["lab.user.carol.inline[reports] statement 0 (UseReports)"], "\(allowed)")
        let allowAt = try #require(allowed.first?["at"], "\(allowed)")
        #expect(allowAt.hasSuffix("main.yaml:\(try Self.place(of: "Sid: UseReports"))"), "\(allowAt)")
        let denied = try statements("s3:DeleteObject")
        #expect(denied.map { $0["text"] } == ["lab.user.carol.inline[reports] statement 1 (NoDeletes)"], "\(denied)")
        let denyAt = try #require(denied.first?["at"], "\(denied)")
        #expect(denyAt.hasSuffix("main.yaml:\(try Self.place(of: "Sid: NoDeletes"))"), "\(denyAt)")
        #expect(FileManager.default.fileExists(atPath: String(denyAt.split(separator: ":").first ?? "")) ||
            FileManager.default.fileExists(atPath: temp.url.appendingPathComponent(String(denyAt.split(separator: ":").first ?? "")).path), "\(denyAt)")
        // Changed through the endpoint: the configuration no longer says where the statement is.
        let changed = try statements("s3:GetObject")
        #expect(changed.map { $0["text"] } == ["lab.user.carol.inline[reports] statement 0 (Changed)"], "\(changed)")
        #expect(changed.first?["at"] == nil, "\(changed)")

        let text = try cli.run(["lab", "log", "config", "--denied"])
        #expect(text.stdout.contains("    lab.user.carol.inline[reports] statement 1 (NoDeletes)  at \(denyAt)"), "\(text.stdout)")
    }

    static let script = #"""
        import json, sys
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError

        url, key, secret = sys.argv[1:4]
        config = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1})
        creds = dict(endpoint_url=url, region_name="us-east-1", config=config, aws_access_key_id=key, aws_secret_access_key=secret)
        s3 = boto3.client("s3", **creds)
        s3.put_object(Bucket="reports", Key="q3.txt", Body=b"numbers")
        print("put ok")
        try:
            s3.delete_object(Bucket="reports", Key="q3.txt")
            print("delete allowed")
        except ClientError as e:
            print("delete " + e.response["Error"]["Code"])
        changed = {"Version": "2012-10-17", "Statement": [{"Sid": "Changed", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}
        boto3.client("iam", **creds).put_user_policy(UserName="carol", PolicyName="reports", PolicyDocument=json.dumps(changed))
        s3.get_object(Bucket="reports", Key="q3.txt")["Body"].read()
        print("get ok")
        """#
}
