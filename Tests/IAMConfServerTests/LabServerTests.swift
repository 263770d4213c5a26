import Foundation
import IAMConfBackend
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// STS, IAM and S3 answered in-process, in AWS's shapes, decided by the policy engine.
@Suite struct LabServerTests {
    @Test func getCallerIdentityNamesTheSigner() async throws {
        let lab = try await LabFixture.make()
        let response = await lab.server.handle(LabFixture.query("sts", [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")], as: lab.alice))
        #expect(response.status == 200)
        let result = try #require(WireElement.parse(Data(response.body))?.child("GetCallerIdentityResult"))
        #expect(result.value("Arn") == "arn:aws:iam::222222222222:user/engineering/alice")
        #expect(result.value("Account") == "222222222222")
        #expect(result.value("UserId")?.hasPrefix("AIDA") == true)
    }

    @Test func assumeRoleWithoutMFAIsRefusedInAWSWords() async throws {
        let lab = try await LabFixture.make()
        let response = await lab.server.handle(Self.assume("S3Access", as: lab.alice))
        #expect(response.status == 403)
        let error = try #require(LabFixture.error(response))
        #expect(error.code == "AccessDenied")
        #expect(
            error.message
                == "User: arn:aws:iam::222222222222:user/engineering/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/S3Access")
        #expect(response.bodyText.hasPrefix("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"))
    }

    @Test func aRoleSessionActsAsTheRoleAndWritesTheBucket() async throws {
        let lab = try await LabFixture.make()
        let assumed = await lab.server.handle(Self.assume("S3Reader", as: lab.alice))
        #expect(assumed.status == 200, "\(assumed.bodyText)")
        let session = try #require(LabFixture.credentials(from: assumed))
        #expect(session.accessKeyID.hasPrefix("ASIA"))
        let whoami = await lab.server.handle(LabFixture.query("sts", [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")], as: session))
        #expect(WireElement.parse(Data(whoami.body))?.first("Arn")?.text == "arn:aws:sts::111111111111:assumed-role/S3Reader/alice-session")

        let put = await lab.server.handle(LabFixture.s3("PUT", "/shared-reports/q3%20report.csv", body: Array("a,b\n".utf8), as: session))
        #expect(put.status == 200, "\(put.bodyText)")
        let get = await lab.server.handle(LabFixture.s3("GET", "/shared-reports/q3%20report.csv", as: session))
        #expect(get.bodyText == "a,b\n")
        #expect(get.header("ETag") == put.header("ETag"))
        let list = await lab.server.handle(LabFixture.s3("GET", "/shared-reports?list-type=2", as: session))
        #expect(WireElement.parse(Data(list.body))?.first("Key")?.text == "q3 report.csv")

        // alice herself has no S3 permission and the bucket has no policy: denied, in S3's error document.
        let direct = await lab.server.handle(LabFixture.s3("GET", "/shared-reports/q3%20report.csv", as: lab.alice))
        #expect(direct.status == 403)
        let error = try #require(LabFixture.error(direct))
        #expect(error.code == "AccessDenied")
        #expect(error.message.hasSuffix("because no identity-based policy allows the s3:GetObject action"))
        #expect(direct.bodyText.contains("<Error><Code>AccessDenied</Code>"))
    }

    @Test func iamReadsAreAuthorizedAndEncodedAsTheClientDecoderExpects() async throws {
        let lab = try await LabFixture.make()
        let denied = await lab.server.handle(LabFixture.query("iam", [("Action", "ListUsers"), ("Version", "2010-05-08")], as: lab.alice))
        #expect(denied.status == 403)
        #expect(
            LabFixture.error(denied)?.message
                == "User: arn:aws:iam::222222222222:user/engineering/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::222222222222:user/ because no identity-based policy allows the iam:ListUsers action")

        let created = await lab.server.handle(
            LabFixture.query("iam", [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "bob"), ("Path", "/ops/")], as: lab.admin))
        #expect(created.status == 200, "\(created.bodyText)")
        let root = try #require(WireElement.parse(Data(created.body)))
        let decoded = IAMResponseDecoder.decode(root, for: .createUser(name: "bob", path: "/ops/", tags: [], permissionsBoundary: nil))
        #expect(decoded.arn == "arn:aws:iam::222222222222:user/ops/bob")
        #expect(decoded.uniqueID?.hasPrefix("AIDA") == true)

        let read = await lab.server.handle(LabFixture.query("iam", [("Action", "GetUser"), ("Version", "2010-05-08"), ("UserName", "bob")], as: lab.admin))
        let user = IAMResponseDecoder.decode(try #require(WireElement.parse(Data(read.body))), for: .getUser(name: "bob"))
        #expect(user.attributes?["path"] == .string("/ops/"))

        let listed = await lab.server.handle(
            LabFixture.query("iam", [("Action", "ListUsers"), ("Version", "2010-05-08"), ("MaxItems", "2")], as: lab.admin))
        let result = try #require(WireElement.parse(Data(listed.body))?.child("ListUsersResult"))
        #expect(result.child("Users")?.members.compactMap { $0.value("UserName") } == ["admin", "alice"])
        #expect(result.value("IsTruncated") == "true")
        #expect(result.value("Marker") == "2")

        let duplicate = await lab.server.handle(
            LabFixture.query("iam", [("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "bob")], as: lab.admin))
        #expect(duplicate.status == 409)
        #expect(LabFixture.error(duplicate)?.code == "EntityAlreadyExists")
    }

    @Test func authenticationFailuresAnswerInEachProtocolsShape() async throws {
        let lab = try await LabFixture.make()
        var forged = lab.alice
        forged.secretAccessKey = "not-the-secret"
        let bad = await lab.server.handle(LabFixture.query("sts", [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")], as: forged))
        #expect(bad.status == 403)
        #expect(LabFixture.error(bad)?.code == "SignatureDoesNotMatch")
        let unknown = AWSCredentials(accessKeyID: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "x")
        let stranger = await lab.server.handle(LabFixture.query("iam", [("Action", "ListUsers"), ("Version", "2010-05-08")], as: unknown))
        #expect(LabFixture.error(stranger)?.code == "InvalidClientTokenId")
        let s3Stranger = await lab.server.handle(LabFixture.s3("GET", "/shared-reports/x", as: unknown))
        #expect(s3Stranger.status == 403)
        #expect(LabFixture.error(s3Stranger)?.code == "InvalidAccessKeyId")
        let unsupported = await lab.server.handle(LabFixture.query("iam", [("Action", "FrobnicateUser"), ("Version", "2010-05-08")], as: lab.admin))
        #expect(LabFixture.error(unsupported)?.code == "InvalidAction")
    }

    static func assume(_ role: String, as credentials: AWSCredentials) -> ServerRequest {
        LabFixture.query(
            "sts",
            [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/\(role)"),
             ("RoleSessionName", "alice-session")], as: credentials)
    }
}

/// Objects outlive a run of `serve` in `objects.json`.
@Suite struct ObjectStoreTests {
    @Test func objectsRoundTripThroughTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamconf-objects-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ObjectStore.load(url).isEmpty)
        let object = StoredObject(body: Array("a,b\n\u{0}\u{ff}".utf8), contentType: "text/csv", lastModified: Date(timeIntervalSince1970: 1_800_000_000))
        try ObjectStore.save(["shared-reports": ["q3.csv": object], "empty": [:]], to: url)
        let loaded = try ObjectStore.load(url)
        #expect(loaded == ["shared-reports": ["q3.csv": object]])
        try Data("{\"format\":\"iamconf-objects\",\"version\":2,\"buckets\":{}}".utf8).write(to: url)
        #expect(throws: (any Error).self) { try ObjectStore.load(url) }
    }
}

@Suite struct WireDateTests {
    @Test(arguments: [(0, "Thu, 01 Jan 1970 00:00:00 GMT"), (1_800_000_000, "Fri, 15 Jan 2027 08:00:00 GMT")])
    func lastModifiedIsIMFFixdate(seconds: Int, text: String) {
        #expect(LabServer.httpDate(Date(timeIntervalSince1970: TimeInterval(seconds))) == text)
    }
}
