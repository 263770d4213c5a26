import Foundation
import IAMConfQueryAPI
import IAMConfTOTP
import Testing

@testable import IAMConfServer

/// Virtual MFA: RFC 6238 codes, and STS calls that carry one.
@Suite struct MFATests {
    /// RFC 6238 appendix B (SHA-1 rows), last six digits of the eight shown there.
    @Test(arguments: [(59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"), (2_000_000_000, "279037")])
    func rfc6238Vectors(seconds: Int, code: String) {
        let totp = TOTP(seed: Array("12345678901234567890".utf8))
        #expect(totp.code(at: Date(timeIntervalSince1970: TimeInterval(seconds))) == code)
        #expect(LabFixture.aliceTOTP == totp)
    }

    @Test func oneStepOfDriftIsAcceptedAndNoMore() {
        let totp = LabFixture.aliceTOTP
        let now = LabFixture.now
        #expect(totp.accepts(totp.code(at: now.addingTimeInterval(-30)), at: now))
        #expect(totp.accepts(totp.code(at: now.addingTimeInterval(30)), at: now))
        #expect(!totp.accepts(totp.code(at: now.addingTimeInterval(-90)), at: now))
        #expect(TOTP(base32Seed: "not base32!") == nil)
    }

    @Test func theMFARoleIsAssumedWithTheCurrentCodeOnly() async throws {
        let lab = try await LabFixture.make()
        let code = LabFixture.aliceTOTP.code(at: LabFixture.now)
        let wrong = code == "000000" ? "111111" : "000000"
        let refused = await lab.server.handle(Self.assume(serial: LabFixture.aliceMFASerial, code: wrong, as: lab.alice))
        #expect(LabFixture.error(refused)?.message == "MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        let otherDevice = await lab.server.handle(Self.assume(serial: "arn:aws:iam::222222222222:mfa/admin", code: code, as: lab.alice))
        #expect(LabFixture.error(otherDevice)?.code == "AccessDenied")

        let assumed = await lab.server.handle(Self.assume(serial: LabFixture.aliceMFASerial, code: code, as: lab.alice))
        #expect(assumed.status == 200, "\(assumed.bodyText)")
        let session = try #require(LabFixture.credentials(from: assumed))
        let put = await lab.server.handle(LabFixture.s3("PUT", "/shared-reports/q3.csv", body: Array("x".utf8), as: session))
        #expect(put.status == 200, "\(put.bodyText)")
    }

    @Test func getSessionTokenWithMFAThenAssumeTheRole() async throws {
        let lab = try await LabFixture.make()
        let code = LabFixture.aliceTOTP.code(at: LabFixture.now)
        let token = await lab.server.handle(
            LabFixture.query(
                "sts", [("Action", "GetSessionToken"), ("Version", "2011-06-15"), ("SerialNumber", LabFixture.aliceMFASerial), ("TokenCode", code)],
                as: lab.alice))
        #expect(token.status == 200, "\(token.bodyText)")
        let mfaSession = try #require(LabFixture.credentials(from: token))
        let assumed = await lab.server.handle(Self.assume(serial: nil, code: nil, as: mfaSession))
        #expect(assumed.status == 200, "\(assumed.bodyText)")
    }

    static func assume(serial: String?, code: String?, as credentials: AWSCredentials) -> ServerRequest {
        var parameters = [
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/S3Access"),
            ("RoleSessionName", "alice"),
        ]
        if let serial { parameters.append(("SerialNumber", serial)) }
        if let code { parameters.append(("TokenCode", code)) }
        return LabFixture.query("sts", parameters, as: credentials)
    }
}
