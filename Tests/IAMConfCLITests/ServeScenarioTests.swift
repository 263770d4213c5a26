import Foundation
import Testing

/// `iamconf serve` driven by boto3 (`Fixtures/serve/scenarios.py`) and the aws CLI over HTTP, in the
/// lab of `Fixtures/serve/lab.yaml`: an EC2-style role, a permissions boundary, an explicit deny,
/// every authentication failure with AWS's code and message, `aws:SecureTransport`, and hostile input.
@Suite("serve scenarios", .serialized)
struct ServeScenarioTests {
    static let app = "arn:aws:iam::444444444444"

    @Test func anEC2RoleIsPassedNotAssumedAndActsWithItsPermissions() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let lab = try ServedLab()
        try lab.serve()
        let out = try lab.run("ec2")
        #expect(
            out["bob_assume"] as? String
                == "AccessDenied: User: \(Self.app):user/bob is not authorized to perform: sts:AssumeRole on resource: \(Self.app):role/WebServerRole")
        #expect(
            out["bob_add_role"] as? String
                == "AccessDenied: User: \(Self.app):user/bob is not authorized to perform: iam:PassRole on resource: \(Self.app):role/WebServerRole because no identity-based policy allows the iam:PassRole action")
        #expect(out["bob_profile_roles"] as? [String] == [], "a refused PassRole leaves the profile empty")
        #expect(out["carol_add_role"] as? String == "no error")
        #expect(out["profiles"] as? [String: [String]] == ["batch": ["WebServerRole"], "web-server": ["WebServerRole"]])
        let profile = out["web_server_profile"] as? [Any]
        #expect(profile?.first as? String == "\(Self.app):instance-profile/web-server")
        #expect(profile?.dropFirst().first as? [String] == ["\(Self.app):role/WebServerRole"])
        #expect(profile?.last as? [String: String] == ["Service": "ec2.amazonaws.com"])
        #expect(out["profiles_for_role"] as? [String] == ["batch", "web-server"])
        #expect(out["role_whoami"] as? String == "arn:aws:sts::444444444444:assumed-role/WebServerRole/i-0abc")
        #expect(out["role_get"] as? String == #"{"debug": false}"#)
        #expect(out["role_list"] as? [String] == ["settings.json"])
        let session = "User: arn:aws:sts::444444444444:assumed-role/WebServerRole/i-0abc is not authorized to perform:"
        #expect(
            out["role_put"] as? String
                == "AccessDenied: \(session) s3:PutObject on resource: arn:aws:s3:::web-config/settings.json because no identity-based policy allows the s3:PutObject action")
        #expect((out["role_other_bucket"] as? String)?.hasPrefix("AccessDenied: \(session) s3:GetObject on resource: arn:aws:s3:::reports/q3.txt") == true)
        #expect(
            out["role_iam"] as? String
                == "AccessDenied: \(session) iam:ListUsers on resource: \(Self.app):user/ because no identity-based policy allows the iam:ListUsers action")

        // The aws CLI, as a learner types it.
        let profiles = try lab.aws(["iam", "list-instance-profiles", "--query", "InstanceProfiles[].[InstanceProfileName,Roles[0].RoleName]", "--output", "text"], as: "carol")
        #expect(profiles.status == 0 && profiles.output == "batch\tWebServerRole\nweb-server\tWebServerRole\n", "\(profiles.output)")
        let assume = try lab.aws(["sts", "assume-role", "--role-arn", "\(Self.app):role/WebServerRole", "--role-session-name", "bob"], as: "bob")
        #expect(assume.status != 0)
        #expect(
            assume.output.contains(
                "An error occurred (AccessDenied) when calling the AssumeRole operation: User: \(Self.app):user/bob is not authorized to perform: sts:AssumeRole on resource: \(Self.app):role/WebServerRole"),
            "\(assume.output)")
    }

    @Test func aBoundaryAndAnExplicitDenyRefuseInAWSWords() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let lab = try ServedLab()
        try lab.serve()
        let out = try lab.run("denials")
        #expect(out["dana_get"] as? String == "quarterly numbers")
        #expect(
            out["dana_put"] as? String
                == "AccessDenied: User: \(Self.app):user/dana is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::reports/q4.txt because no permissions boundary allows the s3:PutObject action")
        #expect(
            out["erin_delete"] as? String
                == "AccessDenied: User: \(Self.app):user/erin is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::reports/q3.txt with an explicit deny in an identity-based policy")
        #expect(out["after"] as? [String] == ["q3.txt"])
        #expect(out["create_bucket_configured"] as? String == "no error")
        // The aws CLI prints the same.
        let put = try lab.aws(["s3api", "put-object", "--bucket", "reports", "--key", "q5.txt"], as: "dana")
        #expect(put.output.contains("An error occurred (AccessDenied) when calling the PutObject operation: User: \(Self.app):user/dana is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::reports/q5.txt because no permissions boundary allows the s3:PutObject action"), "\(put.output)")
    }

    @Test func everyAuthenticationFailureHasAWSCodeAndMessage() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let lab = try ServedLab()
        try lab.serve()
        let query = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
        // The aws CLI with a wrong secret.
        var wrong = lab.keys["erin"] ?? []
        wrong[1] = String(wrong[1].reversed())
        lab.keys["forged"] = wrong
        let forged = try lab.aws(["sts", "get-caller-identity"], as: "forged")
        #expect(forged.output.contains("An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: \(query)"), "\(forged.output)")
        _ = try lab.run("ec2")  // puts web-config/settings.json
        // Last: it moves serve's clock 16 minutes on.
        let out = try lab.run("authentication")
        #expect(out["wrong_secret"] as? String == "SignatureDoesNotMatch: \(query)")
        #expect(
            out["wrong_secret_s3"] as? String
                == "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        #expect(out["unknown_key"] as? String == "InvalidClientTokenId: The security token included in the request is invalid.")
        #expect(out["unknown_key_s3"] as? String == "InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.")
        #expect(out["statuses"] as? [Int] == [403, 403, 403, 403])
        #expect(out["unsigned"] as? String == "MissingAuthenticationToken: Request is missing Authentication Token")
        #expect(out["unsigned_iam"] as? String == "MissingAuthenticationToken: Request is missing Authentication Token")
        // IAM and STS name the window ("- 15 min." / "+ 15 min."); S3 says RequestTimeTooSkewed.
        let behind = try #require(out["skew_behind"] as? String)
        #expect(behind.hasPrefix("SignatureDoesNotMatch: Signature expired: ") && behind.hasSuffix(" - 15 min.)"), "\(behind)")
        let ahead = try #require(out["skew_ahead"] as? String)
        #expect(ahead.hasPrefix("SignatureDoesNotMatch: Signature not yet current: ") && ahead.hasSuffix(" + 15 min.)"), "\(ahead)")
        for key in ["skew_behind_s3", "skew_ahead_s3"] {
            #expect(out[key] as? String == "RequestTimeTooSkewed: The difference between the request time and the current time is too large.")
        }
        #expect(out["presigned_fresh"] as? String == "shared")
        #expect(out["presigned_expired"] as? String == "403 AccessDenied: Request has expired")
        #expect(
            out["too_short"] as? String
                == "ValidationError: 1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")
        #expect(out["session_now"] as? String == "arn:aws:sts::444444444444:assumed-role/WebServerRole/short")
        #expect(out["expired"] as? String == "ExpiredToken: The security token included in the request is expired")
        #expect(out["expired_iam"] as? String == "ExpiredToken: The security token included in the request is expired")
        #expect(out["expired_s3"] as? String == "ExpiredToken: The provided token has expired.")
        #expect(out["expired_statuses"] as? [Int] == [403, 400], "STS answers 403, S3 400")
        #expect(out["user_later"] as? String == "\(Self.app):user/erin")
        // Every refusal is in the decision log as unauthenticated, with its code.
        try lab.stop()
        let log = try lab.cli.run(["lab", "log", "config", "--denied"])
        for code in ["SignatureDoesNotMatch", "InvalidClientTokenId", "InvalidAccessKeyId", "MissingAuthenticationToken", "RequestTimeTooSkewed", "ExpiredToken"] {
            #expect(log.stdout.contains("[\(code)]"), "\(code) not in \(log.stdout)")
        }
    }

    /// S3's SigV2: botocore's default presigned URLs (also with a session token), its `s3` header
    /// signer, `aws s3 presign`, and the failures, authorized like any other call.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
    @Test func sigV2PresignedURLsAndHeadersAreCheckedAndAuthorized() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let lab = try ServedLab()
        try lab.serve()
        _ = try lab.run("ec2")  // puts web-config/settings.json
        let out = try lab.run("sigv2")
        #expect(out["presigned_is_v2"] as? Bool == true)
        #expect(out["presigned"] as? String == "spaced")
        #expect(out["presigned_override"] as? String == "spaced")
        #expect(
            out["tampered"] as? String
                == "403 SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        #expect(out["expired"] as? String == "403 AccessDenied: Request has expired")
        #expect(out["session_token_in_url"] as? Bool == true)
        #expect(out["session_presigned"] as? String == #"{"debug": false}"#)
        #expect(
            (out["session_refused"] as? String)?.hasPrefix(
                "403 AccessDenied: User: arn:aws:sts::444444444444:assumed-role/WebServerRole/v2 is not authorized to perform: s3:GetObject") == true,
            "\(String(describing: out["session_refused"]))")
        #expect(out["header_get"] as? String == "header-signed")
        #expect((out["header_list_buckets"] as? [String])?.contains("reports") == true)
        #expect((out["header_forged"] as? String)?.hasPrefix("SignatureDoesNotMatch") == true, "\(String(describing: out["header_forged"]))")
        #expect((out["header_unknown"] as? String)?.hasPrefix("InvalidAccessKeyId") == true, "\(String(describing: out["header_unknown"]))")
        // `aws s3 presign` signs with SigV2 too; the URL works with any HTTP client.
        let presign = try lab.aws(["s3", "presign", "s3://reports/v2.txt", "--expires-in", "300"], as: "erin")
        let url = presign.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(presign.status == 0 && url.contains("AWSAccessKeyId="), "\(presign.output)")
        let fetched = try ServeEndToEndTests.run(["curl", "-s", "-f", url])
        #expect(fetched.status == 0 && fetched.output == "header-signed", "\(fetched.output)")
        try lab.stop()
        let log = try lab.cli.run(["lab", "log", "config"])
        #expect(log.stdout.contains("ALLOWED  arn:aws:sts::444444444444:assumed-role/WebServerRole/v2  s3:GetObject"), "\(log.stdout)")
    }

    /// The usual HTTPS-only bucket policy (Deny s3:* when aws:SecureTransport is false,
    /// https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule) refuses every plain-HTTP
    /// call; a lab behind a TLS proxy says so with --secure-transport or --trust-forwarded-proto.
    @Test(arguments: [
        ([], "deny", "deny", "deny"),
        (["--secure-transport"], "allow", "allow", "allow"),
        (["--trust-forwarded-proto"], "deny", "allow", "deny"),
    ])
    func secureTransport(flags: [String], plain: String, forwardedHTTPS: String, forwardedHTTP: String) throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let lab = try ServedLab()
        try lab.serve(flags)
        let out = try lab.run("transport")
        func expected(_ outcome: String, _ key: String) -> String {
            outcome == "allow"
                ? "no error"
                : "AccessDenied: User: \(Self.app):user/erin is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::https-only/\(key) with an explicit deny in a resource-based policy"
        }
        #expect(out["plain"] as? String == expected(plain, "a.txt"))
        #expect(out["forwarded_https"] as? String == expected(forwardedHTTPS, "forwarded_https.txt"))
        #expect(out["forwarded_http"] as? String == expected(forwardedHTTP, "forwarded_http.txt"))
    }

    @Test func secureTransportFlagsDoNotCombine() throws {
        let lab = try ServedLab()
        let both = try lab.cli.run(["serve", lab.config.path, "--port", "0", "--secure-transport", "--trust-forwarded-proto"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("--secure-transport and --trust-forwarded-proto cannot be combined"), "\(both)")
    }

    @Test func hostileInputOverTheSocketChangesNothingAndCrashesNothing() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let lab = try ServedLab()
        try lab.serve()
        let before = lab.savedWorld()
        let out = try lab.run("hostile")
        for (name, value) in out where name.hasPrefix("auth_") || name.hasPrefix("query_") {
            // Refused as the caller's fault, never a server failure and never a write.
            let status = Int((value as? String)?.prefix(3) ?? "") ?? 0
            #expect((400..<500).contains(status), "\(name): \(value)")
        }
        #expect(out["auth_algorithm_only"] as? String == "400 IncompleteSignature")
        #expect(out["auth_no_signature"] as? String == "400 IncompleteSignature")
        #expect(out["auth_no_credential"] as? String == "400 IncompleteSignature")
        #expect(out["auth_bad_scope"] as? String == "400 IncompleteSignature")
        #expect(out["auth_other_algorithm"] as? String == "400 IncompleteSignature")
        #expect(out["auth_sigv2"] as? String == "400 IncompleteSignature")
        for name in ["duplicated_credential", "duplicated_signature"] {
            let value = out["auth_\(name)"] as? String ?? ""
            #expect(["403 SignatureDoesNotMatch", "403 InvalidClientTokenId", "400 IncompleteSignature"].contains(value), "\(name): \(value)")
        }
        #expect(out["query_presigned_bad_expires"] as? String == "400 IncompleteSignature")
        for kind in ["not_json", "truncated", "no_statement", "bad_effect"] {
            #expect((out["create_policy_\(kind)"] as? String)?.hasPrefix("MalformedPolicyDocument: ") == true, "\(kind): \(out["create_policy_\(kind)"] ?? "")")
            #expect((out["bucket_policy_\(kind)"] as? String)?.hasPrefix("MalformedPolicy: ") == true, "\(kind): \(out["bucket_policy_\(kind)"] ?? "")")
        }
        for name in ["not_xml", "other_document"] {
            #expect(
                out["create_bucket_\(name)"] as? String
                    == "MalformedXML: The XML you provided was not well-formed or did not validate against our published schema")
        }
        #expect(out["chunked_over_limit"] as? String == "413")
        #expect(out["chunked_under_limit_unsigned"] as? String == "403")
        #expect(out["still_serving"] as? String == "\(Self.app):user/erin")
        #expect(out["users"] as? [String] == ["bob", "carol", "dana", "erin"])
        #expect((out["policies_named_broken"] as? String)?.hasPrefix("NoSuchEntity: ") == true)
        #expect(out["reports"] as? [String] == [])
        #expect((out["reports_policy"] as? String)?.hasPrefix("NoSuchBucketPolicy: ") == true, "\(out["reports_policy"] ?? "")")
        #expect(out["buckets"] as? [String] == ["https-only", "reports", "web-config"])
        #expect(lab.isServing)
        // Not a byte of the saved world or objects changed.
        #expect(lab.savedWorld() == before)
        #expect(try lab.stop() == 0)
        #expect(lab.savedWorld()["simulator.json"] == before["simulator.json"])
    }

    /// What a learner changes through serve with the aws CLI is found by `plan --refresh` as any
    /// change made outside iamconf: a managed role's description, a managed attachment removed, a
    /// managed inline policy rewritten. Like Terraform's refresh, it reads back only what the state
    /// holds: a user created through serve and an extra attachment are not reported (yet).
    @Test func changesMadeThroughTheEndpointShowInPlanRefresh() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let lab = try ServedLab()
        try lab.serve()
        let assumed = try lab.aws(
            ["sts", "assume-role", "--role-arn", "\(Self.app):role/OrganizationAccountAccessRole", "--role-session-name", "learner",
             "--output", "text", "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]"], as: "management")
        let parts = assumed.output.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(parts.count == 3, "\(assumed.output)")
        let session = ["AWS_ACCESS_KEY_ID": parts[0], "AWS_SECRET_ACCESS_KEY": parts[1], "AWS_SESSION_TOKEN": parts[2]]
        let passAnyRole = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}"#
        for command in [
            ["iam", "update-role", "--role-name", "WebServerRole", "--description", "edited through serve"],
            ["iam", "detach-user-policy", "--user-name", "bob", "--policy-arn", "\(Self.app):policy/ManageInstanceProfiles"],
            ["iam", "put-user-policy", "--user-name", "carol", "--policy-name", "PassWebServerRole", "--policy-document", passAnyRole],
            ["iam", "create-user", "--user-name", "mallory"],
            ["iam", "attach-user-policy", "--user-name", "dana", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"],
        ] {
            let result = try lab.aws(command, as: "management", session: session)
            #expect(result.status == 0, "\(command): \(result.output)")
        }
        // plan reads the world serve saved after each write; serve holds the world while it runs.
        try lab.stop()
        let plan = try lab.cli.run(["plan", "config", "--refresh", "--no-color"])
        #expect(plan.status == 0, "\(plan)")
        let drift = plan.stdout.components(separatedBy: "Unless you have made equivalent changes").first ?? ""
        #expect(drift.contains("Objects have changed outside of iamconf"), "\(plan.stdout)")
        #expect(drift.contains("# app.role.WebServerRole has changed"), "\(drift)")
        #expect(drift.contains(#"~ description = "What the web servers may do" -> "edited through serve""#), "\(drift)")
        #expect(drift.contains("# app.user.bob.policy[ManageInstanceProfiles] has been deleted"), "\(drift)")
        #expect(drift.contains("# app.user.carol.inline[PassWebServerRole] has changed"), "\(drift)")
        #expect(!drift.contains("mallory") && !drift.contains("AdministratorAccess"), "\(drift)")
        // What the configuration does not declare at all is listed on its own: the learner's user and
        // the AdministratorAccess attached beside dana's managed policies.
        let unmanaged = plan.stdout.components(separatedBy: "Objects not in the configuration").dropFirst().first ?? ""
        #expect(unmanaged.contains("app.user.mallory"), "\(plan.stdout)")
        #expect(unmanaged.contains("app.user.dana.policy[AdministratorAccess]"), "\(plan.stdout)")
        // The plan puts back what the configuration says.
        #expect(plan.stdout.contains("Plan: 1 to add, 2 to change, 0 to destroy."), "\(plan.stdout)")
    }

    @Test func theManagementCredentialIsPrintedOnlyWhileServeRuns() throws {
        let lab = try ServedLab()
        let before = try lab.cli.run(["lab", "credentials", "--management", "config"])
        #expect(before.status == 1)
        #expect(before.stderr.contains("iamconf serve is not running for this lab"), "\(before)")
        try lab.serve()
        let banner = try lab.temp.read("started.stdout")
        let management = try #require(lab.keys["management"])
        #expect(banner.contains("export AWS_ACCESS_KEY_ID=\(management[0])\n") && banner.contains("export AWS_SECRET_ACCESS_KEY=\(management[1])\n"))
        let file = lab.config.appendingPathComponent(".iamconf/management-credential").path
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let profile = try lab.cli.run(["lab", "credentials", "--management", "config", "--format", "profile"])
        #expect(profile.stdout == "[iamconf-management]\naws_access_key_id = \(management[0])\naws_secret_access_key = \(management[1])\n", "\(profile)")
        let withUser = try lab.cli.run(["lab", "credentials", "app.user.bob", "config", "--management"])
        #expect(withUser.status == 1 && withUser.stderr.contains("--management takes no user"), "\(withUser)")
        try lab.stop()
        #expect(!FileManager.default.fileExists(atPath: file))
        let after = try lab.cli.run(["lab", "credentials", "--management", "config"])
        #expect(after.status == 1 && after.stderr.contains("iamconf serve is not running for this lab"), "\(after)")
        // A killed serve leaves its file behind; nobody holds the world, so it is not printed.
        try lab.serve()
        let killed = try #require(lab.server)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: file))
        let stale = try lab.cli.run(["lab", "credentials", "--management", "config"])
        #expect(stale.status == 1 && stale.stderr.contains("iamconf serve is not running for this lab"), "\(stale)")
    }
}
