import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// S3 answers HeadBucket without a body, so the HTTP status alone decides
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html). moto never answers 403,
/// so a scripted endpoint plays AWS's answers.
@Suite(.serialized) struct BucketReadStatusTests {
    static let caller = "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"

    @Test func existingBucket() async throws {
        try await StubEndpoint.run([(200, "text/xml", Self.caller), (200, "application/xml", "")]) { backend, stub in
            let response = try await backend.perform(.headBucket(name: "reports"), in: "123456789012")
            #expect(response.attributes == ["name": .string("reports"), "arn": .string("arn:aws:s3:::reports")])
            #expect(response.arn == "arn:aws:s3:::reports")
            let head = await stub.requests().last
            #expect(head?.authorization.contains("/us-east-1/s3/aws4_request") == true)
        }
    }

    /// 404: gone, so a refresh drops it. 403 (another account owns the name): not "gone", an error.
    @Test("a bodiless answer maps by status", arguments: [
        (404, BackendError.Code.noSuchEntity, "NotFound"), (403, .accessDenied, "Forbidden"),
    ])
    func bodilessStatus(_ status: Int, _ code: BackendError.Code, _ rawCode: String) async throws {
        try await StubEndpoint.run([(200, "text/xml", Self.caller), (status, "application/xml", "")]) { backend, stub in
            do {
                _ = try await backend.perform(.headBucket(name: "reports"), in: "123456789012")
                Issue.record("HEAD answered \(status) succeeded")
            } catch let error as BackendError {
                #expect(error.code == code)
                #expect(error.rawCode == rawCode)
                #expect(error.httpStatus == status)
            }
            #expect(await stub.requests().count == 2)  // not retried
        }
    }
}
