import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfQueryAPI
import IAMConfSimulator
import IAMConfTOTP
import Testing

@testable import IAMConfServer

/// The seed's cross-account lab, in memory: account A (111111111111) owns `shared-reports` and two
/// roles source account B may assume, `S3Access` (MFA required) and `S3Reader` (no MFA condition);
/// in B (222222222222) alice may assume both, and `admin` may do anything.
struct LabFixture {
    static let target = "111111111111"
    static let source = "222222222222"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let aliceMFASerial = "arn:aws:iam::222222222222:mfa/alice"
    /// RFC 6238's SHA-1 test seed ("12345678901234567890") in Base32.
    static let aliceTOTP = TOTP(base32Seed: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")!

    let server: LabServer
    let alice: AWSCredentials
    let admin: AWSCredentials

    /// - Parameter directory: where the world and the objects are kept; nil keeps them in memory.
    static func make(directory: URL? = nil, organization: Organization? = nil) async throws -> LabFixture {
        let simulator = try IAMSimulator(directory: directory, clock: { now }, idGenerator: .seeded(7))
        let trust = { (mfa: Bool) in
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole""#
                + (mfa ? #","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"# : "") + "}]}"
        }
        for (name, mfa) in [("S3Access", true), ("S3Reader", false)] {
            _ = try await simulator.perform(
                .createRole(name: name, path: "/", trustPolicy: trust(mfa), description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil),
                in: target)
            _ = try await simulator.perform(.attachRolePolicy(roleName: name, policyARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"), in: target)
        }
        _ = try await simulator.perform(.createBucket(name: "shared-reports"), in: target)
        _ = try await simulator.perform(.createUser(name: "alice", path: "/engineering/", tags: [], permissionsBoundary: nil), in: source)
        let assume = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/*"}]}"#
        _ = try await simulator.perform(.putUserPolicy(userName: "alice", policyName: "assume", document: assume), in: source)
        _ = try await simulator.perform(.createUser(name: "admin", path: "/", tags: [], permissionsBoundary: nil), in: source)
        _ = try await simulator.perform(.attachUserPolicy(userName: "admin", policyARN: "arn:aws:iam::aws:policy/AdministratorAccess"), in: source)
        var credentials: [ServerCredential] = []
        var keys: [AWSCredentials] = []
        let world = await simulator.snapshot
        for name in ["alice", "admin"] {
            let key = try await simulator.perform(.createAccessKey(userName: name), in: source)
            let user = try #require(world.account(source)?.user(named: name))
            let pair = AWSCredentials(accessKeyID: try #require(key.accessKeyID), secretAccessKey: try #require(key.secretAccessKey))
            keys.append(pair)
            credentials.append(
                ServerCredential(
                    accessKeyID: pair.accessKeyID, secretAccessKey: pair.secretAccessKey,
                    identity: CallerIdentity(kind: .user, arn: user.arn, account: source, userID: user.uniqueID)))
        }
        let device = MFADevice(serial: aliceMFASerial, userARN: "arn:aws:iam::222222222222:user/engineering/alice", totp: aliceTOTP)
        let server = LabServer(
            simulator: simulator, credentials: credentials, mfaDevices: [device], options: LabServer.Options(
                clock: { now }, objectsFile: directory?.appendingPathComponent("objects.json"), organization: organization))
        return LabFixture(server: server, alice: keys[0], admin: keys[1])
    }

    /// A Query API call signed as botocore signs one.
    static func query(
        _ service: String, _ parameters: [(String, String)], as credentials: AWSCredentials, at date: Date = now
    ) -> ServerRequest {
        let body = Array(parameters.map { "\(PercentEncoding.formEncode($0.0))=\(PercentEncoding.formEncode($0.1))" }.joined(separator: "&").utf8)
        var signable = SignableRequest(
            method: "POST", path: "/",
            headers: [QueryParameter("Host", "127.0.0.1:7811"), QueryParameter("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: body)
        SigV4Signer(credentials: credentials, region: "us-east-1", service: service).sign(&signable, date: date)
        return ServerRequest(method: "POST", target: "/", headers: signable.headers, body: body)
    }

    /// A path-style S3 request signed with its payload hash header, as botocore's S3 signer does.
    static func s3(_ method: String, _ target: String, body: [UInt8] = [], as credentials: AWSCredentials) -> ServerRequest {
        let path = target.prefix { $0 != "?" }
        let query = FormDecoding.pairs(String(target.dropFirst(path.count + 1)), plusIsSpace: false)
        var signable = SignableRequest(
            method: method, path: PercentEncoding.decode(String(path)), query: query,
            headers: [QueryParameter("Host", "127.0.0.1:7811"), QueryParameter("x-amz-content-sha256", SigV4.sha256Hex(body))], body: body)
        SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3").sign(&signable, date: now)
        return ServerRequest(method: method, target: target, headers: signable.headers, body: body)
    }

    /// Temporary credentials from an AssumeRole answer.
    static func credentials(from response: ServerResponse) -> AWSCredentials? {
        guard let root = WireElement.parse(Data(response.body)), let credentials = root.first("Credentials"),
            let id = credentials.value("AccessKeyId"), let secret = credentials.value("SecretAccessKey")
        else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: credentials.value("SessionToken"))
    }

    static func error(_ response: ServerResponse) -> (code: String, message: String)? {
        guard let root = WireElement.parse(Data(response.body)), let error = root.first("Error") else { return nil }
        return (error.value("Code") ?? "", error.value("Message") ?? "")
    }
}
