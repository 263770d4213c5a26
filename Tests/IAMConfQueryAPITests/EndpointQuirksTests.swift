import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfTestSupport
import Testing
@testable import IAMConfQueryAPI

/// moto_server's deviations that HTTPBackend copes with, all in `EndpointQuirks`, checked against a
/// real moto_server; the detection against a non-moto endpoint and AWS host names.
@Suite(.motoServer, .serialized) struct MotoEndpointQuirksTests {
    static let account = "123456789012"
    static let boundary = "arn:aws:iam::aws:policy/PowerUserAccess"
    static let trust =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    let backend: HTTPBackend

    init() throws {
        let server = try #require(MotoServer.current, "the suite trait starts moto_server")
        backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, parallelism: 2), environment: [:])
    }

    @discardableResult
    func call(_ request: IAMRequest) async throws -> IAMResponse { try await backend.perform(request, in: Self.account) }

    @Test func motoIsDetected() async {
        #expect(await backend.quirks() == .motoServer)
    }

    @Test func userBoundaryIsUnreportedButRoleBoundaryIsRead() async throws {
        try await call(.createUser(name: "q-user", path: "/", tags: [], permissionsBoundary: Self.boundary))
        let user = try await call(.getUser(name: "q-user"))
        #expect(user.attributes?["permissions_boundary"] == nil)
        #expect(user.unreported == ["permissions_boundary"])
        try await call(.createRole(
            name: "q-role", path: "/", trustPolicy: Self.trust, description: nil, maxSessionDuration: 3600, tags: [],
            permissionsBoundary: Self.boundary))
        let role = try await call(.getRole(name: "q-role"))
        #expect(role.attributes?["permissions_boundary"] == .string(Self.boundary))
        #expect(role.unreported.isEmpty)
    }

    @Test(arguments: [true, false])
    func createLoginProfileKeepsTheResetFlagAskedFor(_ reset: Bool) async throws {
        let name = "q-console-\(reset)"
        try await call(.createUser(name: name, path: "/", tags: [], permissionsBoundary: nil))
        let created = try await call(.createLoginProfile(userName: name, passwordResetRequired: reset))
        #expect(created.password != nil)
        let profile = try await call(.getLoginProfile(userName: name))
        #expect(profile.attributes?["password_reset_required"] == .bool(reset))
    }

    @Test func newPasswordKeepsTheProfileAndSetsTheFlag() async throws {
        try await call(.createUser(name: "q-repair", path: "/", tags: [], permissionsBoundary: nil))
        let first = try #require(try await call(.createLoginProfile(userName: "q-repair", passwordResetRequired: false)).password)
        let updated = try await call(.updateLoginProfile(userName: "q-repair", passwordResetRequired: true, newPassword: true))
        let password = try #require(updated.password)
        #expect(password != first)
        #expect(try await call(.getLoginProfile(userName: "q-repair")).attributes?["password_reset_required"] == .bool(true))
    }

    /// moto would delete the profile; the backend refuses instead, and the profile survives.
    @Test func updateWithoutPasswordIsRefused() async throws {
        try await call(.createUser(name: "q-keep", path: "/", tags: [], permissionsBoundary: nil))
        try await call(.createLoginProfile(userName: "q-keep", passwordResetRequired: true))
        let error = await #expect(throws: BackendError.self) {
            try await call(.updateLoginProfile(userName: "q-keep", passwordResetRequired: false, newPassword: false))
        }
        #expect(error?.code == .unsupported)
        #expect(try await call(.getLoginProfile(userName: "q-keep")).attributes?["user"] == .string("q-keep"))
    }

    @Test func configuredQuirksWinOverDetection() async throws {
        let server = try #require(MotoServer.current)
        let plain = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, quirks: EndpointQuirks.none), environment: [:])
        #expect(await plain.quirks() == EndpointQuirks.none)
        _ = try await plain.perform(.createUser(name: "q-plain", path: "/", tags: [], permissionsBoundary: nil), in: Self.account)
        #expect(try await plain.perform(.getUser(name: "q-plain"), in: Self.account).unreported.isEmpty)
    }
}

@Suite struct EndpointQuirksDetectionTests {
    /// AWS is never probed: a transport without libcurl would make any probe fail (nil).
    @Test(arguments: ["https://iam.amazonaws.com", "https://iam.us-gov.amazonaws.com", "https://iam.cn-north-1.amazonaws.com.cn"])
    func awsHostsHaveNoQuirks(_ endpoint: String) async throws {
        let transport = HTTPTransport(timeout: 1, parallelism: 1, libraryNames: ["libcurl-iamconf-missing.so"])
        let url = try #require(URL(string: endpoint))
        #expect(await EndpointQuirks.detect(endpoint: url, transport: transport) == EndpointQuirks.none)
    }

    @Test func unreachableEndpointIsNotDecided() async throws {
        let url = try #require(URL(string: "http://127.0.0.1:\(try MotoServer.freePort())"))
        let transport = HTTPTransport(timeout: 2, parallelism: 1)
        #expect(await EndpointQuirks.detect(endpoint: url, transport: transport) == nil)
    }

    @Test func anEndpointThatIsNotMotoHasNoQuirks() async throws {
        try await StubEndpoint.run([(200, "text/xml", RetryTests.caller)]) { backend, _ in
            #expect(await backend.quirks() == EndpointQuirks.none)
        }
    }

    @Test func dashboardRecognition() {
        #expect(EndpointQuirks.isMotoDashboard(status: 200, body: Data("<!doctype html><html><head><title>Moto</title>".utf8)))
        #expect(!EndpointQuirks.isMotoDashboard(status: 404, body: Data("<title>Moto</title>".utf8)))
        #expect(!EndpointQuirks.isMotoDashboard(status: 200, body: Data("<title>Other</title>".utf8)))
    }

    @Test func resetFlagRepairOnlyWhenTheAnswerDisagrees() throws {
        func answer(_ flag: String) throws -> WireElement {
            try #require(WireElement.parse(Data("""
                <CreateLoginProfileResponse><CreateLoginProfileResult><LoginProfile><UserName>u</UserName>\
                <PasswordResetRequired>\(flag)</PasswordResetRequired></LoginProfile></CreateLoginProfileResult></CreateLoginProfileResponse>
                """.utf8)))
        }
        let ask = IAMRequest.createLoginProfile(userName: "u", passwordResetRequired: true)
        let repair = try #require(EndpointQuirks.resetFlagRepair(after: ask, answer: try answer("false"), password: "Pw1!pw1!pw1!"))
        #expect(repair.action == "UpdateLoginProfile")
        #expect(repair.parameters == [
            QueryParameter("UserName", "u"), QueryParameter("Password", "Pw1!pw1!pw1!"), QueryParameter("PasswordResetRequired", "true"),
        ])
        #expect(EndpointQuirks.resetFlagRepair(after: ask, answer: try answer("true"), password: "Pw1!pw1!pw1!") == nil)
        let noReset = IAMRequest.createLoginProfile(userName: "u", passwordResetRequired: false)
        #expect(EndpointQuirks.resetFlagRepair(after: noReset, answer: try answer("true"), password: "x")?.parameters.last
            == QueryParameter("PasswordResetRequired", "false"))
    }
}
