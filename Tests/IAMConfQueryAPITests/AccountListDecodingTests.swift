import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfQueryAPI
import Testing

/// The account-wide lists decoded from Query API answers shaped as the IAM API reference's
/// examples (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html, …).
@Suite struct AccountListDecodingTests {
    static func decode(_ action: String, _ body: String, for request: IAMRequest) throws -> [String: JSONValue] {
        let xml = """
            <\(action)Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><\(action)Result>\(body)<IsTruncated>false</IsTruncated>\
            </\(action)Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></\(action)Response>
            """
        guard case let .success(root) = QueryResponse.classify(status: 200, body: Data(xml.utf8)) else {
            throw BackendError(.other, "not a successful answer")
        }
        return IAMResponseDecoder.decode(root, for: request).attributes ?? [:]
    }

    @Test func users() throws {
        let attributes = try Self.decode("ListUsers", """
            <Users><member><UserId>AID1</UserId><Path>/division_abc/</Path><UserName>Andrew</UserName>\
            <Arn>arn:aws:iam::123456789012:user/division_abc/Andrew</Arn></member>\
            <member><UserId>AID2</UserId><Path>/</Path><UserName>Jackie</UserName><Arn>arn:aws:iam::123456789012:user/Jackie</Arn></member></Users>
            """, for: .listUsers)
        #expect(attributes["users"] == .stringList("Andrew", "Jackie"))
        #expect(attributes["paths"] == .stringMap(["Andrew": "/division_abc/", "Jackie": "/"]))
        #expect(attributes["arns"] == .stringMap(["Andrew": "arn:aws:iam::123456789012:user/division_abc/Andrew", "Jackie": "arn:aws:iam::123456789012:user/Jackie"]))
    }

    @Test func roles() throws {
        let attributes = try Self.decode("ListRoles", """
            <Roles><member><Path>/aws-service-role/autoscaling.amazonaws.com/</Path><RoleName>AWSServiceRoleForAutoScaling</RoleName>\
            <Arn>arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling</Arn></member></Roles>
            """, for: .listRoles)
        #expect(attributes["roles"] == .stringList("AWSServiceRoleForAutoScaling"))
        #expect(attributes["paths"] == .stringMap(["AWSServiceRoleForAutoScaling": "/aws-service-role/autoscaling.amazonaws.com/"]))
    }

    @Test func customerManagedPolicies() throws {
        let attributes = try Self.decode("ListPolicies", """
            <Policies><member><PolicyName>ExamplePolicy</PolicyName><DefaultVersionId>v2</DefaultVersionId><PolicyId>ANPA1</PolicyId>\
            <Path>/</Path><Arn>arn:aws:iam::123456789012:policy/ExamplePolicy</Arn><AttachmentCount>2</AttachmentCount></member></Policies>
            """, for: .listPolicies(scope: "Local"))
        let arn = "arn:aws:iam::123456789012:policy/ExamplePolicy"
        #expect(attributes["policies"] == .stringList(arn))
        #expect(attributes["names"] == .stringMap([arn: "ExamplePolicy"]))
        #expect(attributes["default_versions"] == .stringMap([arn: "v2"]))
    }

    @Test func inlineNamesProfilesAndProviders() throws {
        #expect(try Self.decode("ListUserPolicies", "<PolicyNames><member>AllAccessPolicy</member><member>KeyPolicy</member></PolicyNames>",
                                for: .listUserPolicies(userName: "Bob"))["policies"] == .stringList("AllAccessPolicy", "KeyPolicy"))
        let profiles = try Self.decode("ListInstanceProfiles", """
            <InstanceProfiles><member><InstanceProfileName>Database</InstanceProfileName><Roles/></member>\
            <member><InstanceProfileName>Webserver</InstanceProfileName><Roles><member><RoleName>web</RoleName></member></Roles></member></InstanceProfiles>
            """, for: .listInstanceProfiles)
        #expect(profiles["profiles"] == .stringList("Database", "Webserver"))
        #expect(profiles["roles"] == .stringMap(["Webserver": "web"]))
        let oidc = try Self.decode("ListOpenIDConnectProviders", """
            <OpenIDConnectProviderList><member><Arn>arn:aws:iam::123456789012:oidc-provider/server.example.com</Arn></member></OpenIDConnectProviderList>
            """, for: .listOpenIDConnectProviders)
        #expect(oidc["providers"] == .stringList("arn:aws:iam::123456789012:oidc-provider/server.example.com"))
    }
}
