import Foundation
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// S3's SigV2 string to sign and signature, held to AWS's own example.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
@Suite struct SigV2VerifierTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let credential = ServerCredential(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret,
        identity: CallerIdentity(kind: .user, arn: "arn:aws:iam::111111111111:user/alice", account: "111111111111", userID: "AIDAALICE"))

    @Test func awsExampleObjectGET() throws {
        let request = ServerRequest(
            method: "GET", target: "/awsexamplebucket1/photos/puppy.jpg",
            headers: [QueryParameter("Date", "Tue, 27 Mar 2007 19:36:42 +0000"), QueryParameter("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=")])
        let claim = try SigV2Verifier.claim(of: request)
        #expect(SigV2Verifier.stringToSign(request, claim: claim) == "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/awsexamplebucket1/photos/puppy.jpg")
        let at = try #require(SigV2Verifier.httpDate("Tue, 27 Mar 2007 19:36:42 +0000"))
        let verified = try SigV2Verifier().verify(request, now: at, lookup: { $0 == Self.credential.accessKeyID ? Self.credential : nil })
        #expect(verified.service == "s3" && verified.credential.identity.arn == "arn:aws:iam::111111111111:user/alice")
        // Sixteen minutes later the same request is too skewed; with another secret it does not match.
        #expect(throws: ServiceError.self) { try SigV2Verifier().verify(request, now: at.addingTimeInterval(16 * 60), lookup: { _ in Self.credential }) }
        var other = Self.credential
        other.secretAccessKey = String(Self.secret.reversed())
        let mismatch = #expect(throws: ServiceError.self) { try SigV2Verifier().verify(request, now: at, lookup: { _ in other }) }
        #expect(mismatch?.code == "SignatureDoesNotMatch")
    }

    @Test func amzHeadersAndSubresourcesAreSigned() throws {
        let request = ServerRequest(
            method: "PUT", target: "/bucket/a%20b.txt?versionId=3%2F4&ignored=1&acl",
            headers: [
                QueryParameter("x-amz-meta-Owner", " Alice "), QueryParameter("X-Amz-Date", "Tue, 27 Mar 2007 21:06:08 +0000"),
                QueryParameter("Content-Type", "text/plain"), QueryParameter("Date", "ignored when x-amz-date is sent"),
                QueryParameter("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:x"),
            ])
        let claim = try SigV2Verifier.claim(of: request)
        #expect(
            SigV2Verifier.stringToSign(request, claim: claim)
                == "PUT\n\ntext/plain\n\nx-amz-date:Tue, 27 Mar 2007 21:06:08 +0000\nx-amz-meta-owner:Alice\n/bucket/a%20b.txt?acl&versionId=3/4")
    }

    @Test func malformedClaimsAreRefusedNotCrashed() {
        for target in ["/b/k?AWSAccessKeyId=A&Signature=s", "/b/k?AWSAccessKeyId=A&Signature=s&Expires=soon"] {
            #expect(throws: ServiceError.self) { try SigV2Verifier.claim(of: ServerRequest(method: "GET", target: target)) }
        }
        let noColon = ServerRequest(method: "GET", target: "/b/k", headers: [QueryParameter("Authorization", "AWS :")])
        #expect(throws: ServiceError.self) { try SigV2Verifier.claim(of: noColon) }
    }
}
