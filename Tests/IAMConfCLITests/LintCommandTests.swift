import Foundation
import Testing

/// `iamconf lint` run as a user would, on a temporary configuration with findings of every type,
/// one suppressed and one document in a .json file: text, JSON and SARIF against golden files, the
/// SARIF against the SARIF 2.1.0 schema, and the exit codes of --fail-on.
@Suite struct LintCommandTests {
    static let configuration = """
        accounts:
          main:
            id: "111111111111"
            policies:
              Deploy:
                document:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: [iam:PassRole, "iam:Get*", iam:GetRole]
                      Resource: "*"
                    - Effect: Allow
                      Action: logs:PutLogEvents
                      Resource: "arn:aws:logs::111111111111:log-group:app:*"
                      Condition:
                        StringEquals: { aws:SecureTransport: "true" }
              Reports: { document: policies/reports.json }
            roles:
              Deploy:
                trust: { services: [ec2.amazonaws.com] }
                policies: [Deploy]
        lint:
          suppress:
            - code: REDUNDANT_ACTION
              address: main.policy.Deploy
              reason: "iam:GetRole stays listed: the runbook greps for it"

        """

    static let reportsPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": "s3:GetObject",
              "Resource": ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports/2026/*"] }
          ]
        }

        """

    static func workspace() throws -> TemporaryDirectory {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", configuration)
        try temp.write("config/policies/reports.json", reportsPolicy)
        return temp
    }

    @Test func textNamesEachFindingAtItsLineWithTheSourceAndExitsOneOnAnError() throws {
        let temp = try Self.workspace()
        let result = try CLIRunner(directory: temp.url).run(["lint", "config", "--show-suppressed"])
        #expect(result.status == 1, "\(result)")
        try Golden.check(result.stdout, "lint-findings.txt")
        #expect(result.stdout.contains("config/policies/reports.json:5:46: SUGGESTION:"), "a .json document's own line:column")
    }

    @Test func jsonCarriesTheSameFindings() throws {
        let temp = try Self.workspace()
        let result = try CLIRunner(directory: temp.url).run(["lint", "config", "--json", "--show-suppressed"])
        #expect(result.status == 1)
        try Golden.check(result.stdout, "lint-findings.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["passed"] as? Bool == false)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["issue_code"] as? String == "MISSING_ARN_REGION" && $0["line"] as? Int == 14 && $0["address"] as? String == "main.policy.Deploy" })
        #expect((document["counts"] as? [String: Int])?["suppressed"] == 1)
    }

    @Test func sarifIsValidSARIF210WithOneRulePerCode() throws {
        let temp = try Self.workspace()
        let result = try CLIRunner(directory: temp.url).run(["lint", "config", "--format", "sarif"])
        #expect(result.status == 1)
        try Golden.check(result.stdout, "lint-findings.sarif")
        try temp.write("out.sarif", result.stdout)
        let schema = CLIRunner.repositoryRoot.appendingPathComponent("Tests/IAMConfCLITests/Fixtures/sarif/sarif-2.1.0-subset.schema.json").path
        let check = try Self.python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
            jsonschema.Draft4Validator.check_schema(schema)
            jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
            run = log["runs"][0]
            rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
            assert len(rules) == len(set(rules)), rules
            assert all(r["ruleId"] == rules[r["ruleIndex"]] for r in run["results"])
            assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
            print("valid", len(run["results"]))
            """, arguments: [schema, temp.url.appendingPathComponent("out.sarif").path])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.hasPrefix("valid "))
        #expect(result.stdout.contains("\"uri\": \"main.yaml\""), "URIs are relative to the configuration directory")
        #expect(result.stdout.contains("\"uri\": \"policies/reports.json\""))
    }

    @Test func failOnDecidesTheExitStatus() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", """
            accounts:
              main:
                id: "111111111111"
                policies:
                  Read:
                    document:
                      Version: "2012-10-17"
                      Statement:
                        - { Effect: Allow, Action: ["s3:Get*", s3:GetObject], Resource: "arn:aws:s3:::reports/*" }

            """)
        let cli = CLIRunner(directory: temp.url)
        let byDefault = try cli.run(["lint", "config"])
        #expect(byDefault.status == 0, "a SUGGESTION does not fail by default: \(byDefault)")
        #expect(byDefault.stdout.contains("[REDUNDANT_ACTION]"))
        #expect(try cli.run(["lint", "config", "--fail-on", "warning"]).status == 0)
        #expect(try cli.run(["lint", "config", "--fail-on", "suggestion"]).status == 1)
        let bad = try cli.run(["lint", "config", "--fail-on", "loud"])
        #expect(bad.status == 1 && bad.stderr.contains("--fail-on must be"))
        #expect(try cli.run(["lint", "config", "--json", "--format", "sarif"]).status == 1)
    }

    @Test func validateReportsTheErrorFindingsOnly() throws {
        let temp = try Self.workspace()
        let result = try CLIRunner(directory: temp.url).run(["validate", "config"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("config/main.yaml:14:25: error:") && result.stdout.contains("[MISSING_ARN_REGION]"), "\(result)")
        #expect(!result.stdout.contains("PASS_ROLE_WITH_STAR_IN_RESOURCE"), "validate shows only ERROR findings")
    }

    static func python(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
