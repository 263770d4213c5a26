import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// moto_server with authentication on (`INITIAL_NO_AUTH_ACTION_COUNT`): after the first requests it
/// recomputes every SigV4 signature with the secret it issued and checks IAM policies, so a
/// signing mistake is refused by a real server, not only by our own fixtures.
@Suite(.motoServer(environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "4"]), .serialized)
struct SignatureVerificationTests {
    static let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    @Test func verifyingServerAcceptsOurSignaturesAndRefusesAWrongSecret() async throws {
        let server = try #require(MotoServer.current)
        let account = "123456789012"
        // Requests 1-4 are not authenticated: GetCallerIdentity, CreateUser, PutUserPolicy, CreateAccessKey.
        let bootstrap = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url), environment: [:])
        _ = try await bootstrap.perform(.createUser(name: "signer", path: "/", tags: [], permissionsBoundary: nil), in: account)
        _ = try await bootstrap.perform(.putUserPolicy(userName: "signer", policyName: "admin", document: Self.admin), in: account)
        let key = try await bootstrap.perform(.createAccessKey(userName: "signer"), in: account)
        let credentials = AWSCredentials(
            accessKeyID: try #require(key.accessKeyID), secretAccessKey: try #require(key.secretAccessKey))

        let signed = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, credentials: credentials), environment: [:])
        let me = try await signed.perform(.getUser(name: "signer"), in: account)
        #expect(me.arn == "arn:aws:iam::123456789012:user/signer")
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a b/100%+*"}]}"#
        let created = try await signed.perform(
            .createRole(name: "verified", path: "/x/", trustPolicy: document, description: "tags & symbols: +%/=", maxSessionDuration: 3600,
                        tags: [Tag(key: "k", value: "v w+x")], permissionsBoundary: nil), in: account)
        #expect(created.arn == "arn:aws:iam::123456789012:role/x/verified")
        // S3 REST calls are verified too (payload hash header, path-style bucket, ?policy).
        _ = try await signed.perform(.createBucket(name: "iamconf-signed"), in: account)
        let bucketPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::iamconf-signed/*"}]}"#
        _ = try await signed.perform(.putBucketPolicy(bucket: "iamconf-signed", document: bucketPolicy), in: account)
        _ = try await signed.perform(.deleteBucket(name: "iamconf-signed"), in: account)

        var forged = credentials
        forged.secretAccessKey = "not-the-secret"
        let wrong = try HTTPBackend(
            HTTPBackend.Configuration(endpoint: server.url, credentials: forged, retry: .none), environment: [:])
        do throws(BackendError) {
            _ = try await wrong.perform(.getUser(name: "signer"), in: account)
            Issue.record("a wrong secret was accepted: the server is not verifying signatures")
        } catch {
            #expect(error.code == .accessDenied)
            #expect(error.rawCode == "SignatureDoesNotMatch")
        }
    }
}
