import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

@Suite struct ResponseDecodingTests {
    static func classify(_ xml: String, status: Int = 200) -> QueryResponse {
        QueryResponse.classify(status: status, body: Data(xml.utf8))
    }

    static func decode(_ xml: String, for request: IAMRequest) throws -> IAMResponse {
        guard case let .success(root) = classify(xml) else {
            Issue.record("not a success: \(xml)")
            return IAMResponse()
        }
        return IAMResponseDecoder.decode(root, for: request)
    }

    @Test func createUserIdentifiers() throws {
        let xml = """
            <CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <CreateUserResult><User><Path>/division_abc/</Path><UserName>Bob</UserName>
                <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/division_abc/Bob</Arn>
                <CreateDate>2026-11-29T12:00:00.123Z</CreateDate></User></CreateUserResult>
              <ResponseMetadata><RequestId>7a62c49f</RequestId></ResponseMetadata>
            </CreateUserResponse>
            """
        let response = try Self.decode(xml, for: .createUser(name: "Bob", path: "/division_abc/", tags: [], permissionsBoundary: nil))
        #expect(response.arn == "arn:aws:iam::123456789012:user/division_abc/Bob")
        #expect(response.uniqueID == "AIDACKCEVSQ6C2EXAMPLE")
        #expect(abs((response.createDate?.timeIntervalSince1970 ?? 0) - 1_795_953_600.123) < 0.001)
        #expect(response.attributes == nil)
    }

    /// AWS URL-encodes the trust policy; a `%` or `+` inside must survive decoding exactly. Every
    /// other attribute arrives typed (a number, an object of tags in the service's order), never
    /// as JSON text in a string.
    @Test func getRoleDecodesEncodedTrustPolicyAndTypedAttributes() throws {
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"100%+a b"}}}]}"#
        let xml = """
            <GetRoleResponse><GetRoleResult><Role><Path>/</Path><RoleName>R</RoleName><RoleId>AROAEXAMPLE</RoleId>
            <Arn>arn:aws:iam::123456789012:role/R</Arn><CreateDate>2026-11-29T12:00:00Z</CreateDate>
            <AssumeRolePolicyDocument>\(PercentEncoding.encode(document))</AssumeRolePolicyDocument>
            <Description>d &amp; e</Description><MaxSessionDuration>3600</MaxSessionDuration>
            <PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>
            <PermissionsBoundaryArn>arn:aws:iam::aws:policy/B</PermissionsBoundaryArn></PermissionsBoundary>
            <Tags><member><Key>team</Key><Value>platform</Value></member><member><Key>cost</Key><Value>42</Value></member></Tags>
            </Role></GetRoleResult></GetRoleResponse>
            """
        let response = try Self.decode(xml, for: .getRole(name: "R"))
        #expect(response.attributes == [
            "name": .string("R"), "path": .string("/"), "arn": .string("arn:aws:iam::123456789012:role/R"),
            "unique_id": .string("AROAEXAMPLE"), "create_date": .string("2026-11-29T12:00:00Z"),
            "trust_policy": .string(document), "description": .string("d & e"), "max_session_duration": .number("3600"),
            "permissions_boundary": .string("arn:aws:iam::aws:policy/B"), "tags": .stringMap(["team": "platform", "cost": "42"]),
        ])
        #expect(response.name == "R")
    }

    /// moto returns some documents raw; raw JSON must not be percent-decoded.
    @Test func rawDocumentIsLeftAlone() {
        let raw = #"{"a":"100%25+b"}"#
        #expect(WireAttributesProbe.decode(raw) == raw)
        #expect(WireAttributesProbe.decode(PercentEncoding.encode(raw)) == raw)
    }

    @Test func getGroupMembersDoNotShadowTheGroup() throws {
        let xml = """
            <GetGroupResponse><GetGroupResult><Group><Path>/</Path><GroupName>devs</GroupName><GroupId>AGPAEXAMPLE</GroupId>
            <Arn>arn:aws:iam::123456789012:group/devs</Arn><CreateDate>2026-11-29T12:00:00Z</CreateDate></Group>
            <Users><member><UserName>alice</UserName><Arn>arn:aws:iam::123456789012:user/alice</Arn></member>
            <member><UserName>bob</UserName><Arn>arn:aws:iam::123456789012:user/bob</Arn></member></Users>
            <IsTruncated>false</IsTruncated></GetGroupResult></GetGroupResponse>
            """
        let response = try Self.decode(xml, for: .getGroup(name: "devs"))
        #expect(response.arn == "arn:aws:iam::123456789012:group/devs")
        #expect(response.uniqueID == "AGPAEXAMPLE")
        #expect(response.attributes?["members"] == .stringList("alice", "bob"))
    }

    @Test func listPolicyVersionsOldestFirst() throws {
        let xml = """
            <ListPolicyVersionsResponse><ListPolicyVersionsResult><Versions>
            <member><VersionId>v10</VersionId><IsDefaultVersion>false</IsDefaultVersion><CreateDate>2026-11-29T12:00:10Z</CreateDate></member>
            <member><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2026-11-29T12:00:02Z</CreateDate></member>
            </Versions><IsTruncated>false</IsTruncated></ListPolicyVersionsResult></ListPolicyVersionsResponse>
            """
        let response = try Self.decode(xml, for: .listPolicyVersions(policyARN: "arn:aws:iam::123456789012:policy/p"))
        #expect(response.versions?.map(\.versionID) == ["v2", "v10"])
        #expect(response.defaultVersionID == "v2")
    }

    @Test func accessKeySecretIsReported() throws {
        let xml = """
            <CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>a</UserName>
            <AccessKeyId>AKIAEXAMPLE</AccessKeyId><Status>Active</Status><SecretAccessKey>s3cr3t/+</SecretAccessKey>
            </AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>
            """
        let response = try Self.decode(xml, for: .createAccessKey(userName: "a"))
        #expect(response.accessKeyID == "AKIAEXAMPLE")
        #expect(response.secretAccessKey == "s3cr3t/+")
    }

    @Test func oidcProviderArn() throws {
        let xml = """
            <CreateOpenIDConnectProviderResponse><CreateOpenIDConnectProviderResult>
            <OpenIDConnectProviderArn>arn:aws:iam::123456789012:oidc-provider/example.com</OpenIDConnectProviderArn>
            </CreateOpenIDConnectProviderResult></CreateOpenIDConnectProviderResponse>
            """
        let response = try Self.decode(xml, for: .createOpenIDConnectProvider(url: "https://example.com", clientIDs: [], thumbprints: [], tags: []))
        #expect(response.arn == "arn:aws:iam::123456789012:oidc-provider/example.com")
    }

    @Test("AWS error codes map to BackendError codes", arguments: [
        ("NoSuchEntity", 404, BackendError.Code.noSuchEntity), ("EntityAlreadyExists", 409, .entityAlreadyExists),
        ("DeleteConflict", 409, .deleteConflict), ("LimitExceeded", 409, .limitExceeded),
        ("MalformedPolicyDocument", 400, .malformedPolicyDocument), ("InvalidInput", 400, .invalidInput),
        ("ValidationError", 400, .validationError), ("Throttling", 400, .throttling),
        ("ThrottlingException", 400, .throttling), ("RequestLimitExceeded", 503, .throttling),
        ("ServiceFailure", 500, .serviceFailure), ("AccessDenied", 403, .accessDenied),
        ("UnmodifiableEntity", 400, .unmodifiableEntity), ("SomethingNew", 400, .other),
        ("Unsupported", 400, .other), ("Transport", 400, .other),
    ])
    func errorMapping(_ raw: String, _ status: Int, _ expected: BackendError.Code) {
        let xml = """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
            <Code>\(raw)</Code><Message>The user with name x cannot be found.</Message><message>lower</message></Error>
            <RequestId>r</RequestId></ErrorResponse>
            """
        guard case let .failure(error) = Self.classify(xml, status: status) else {
            Issue.record("not a failure")
            return
        }
        #expect(error.code == expected)
        #expect(error.rawCode == raw)
        #expect(error.message == "The user with name x cannot be found.")
        #expect(error.httpStatus == status)
    }

    @Test func htmlPageIsNotXML() {
        let html = "<!doctype html>\n<html lang=en><title>500 Internal Server Error</title><p>The server encountered an internal error"
        guard case let .notXML(status, snippet) = Self.classify(html, status: 500) else {
            Issue.record("HTML classified as XML")
            return
        }
        #expect(status == 500)
        #expect(snippet.hasPrefix("<!doctype html>"))
    }
}

/// Exposes the document rule through the public decoder path.
enum WireAttributesProbe {
    static func decode(_ document: String) -> String? {
        let xml = "<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName><AssumeRolePolicyDocument>\(document.replacingOccurrences(of: "&", with: "&amp;"))</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>"
        guard case let .success(root) = QueryResponse.classify(status: 200, body: Data(xml.utf8)) else { return nil }
        return IAMResponseDecoder.decode(root, for: .getRole(name: "r")).attributes?["trust_policy"]?.stringValue
    }
}
