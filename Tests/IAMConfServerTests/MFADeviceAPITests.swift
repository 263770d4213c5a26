import Foundation
import IAMConfQueryAPI
import IAMConfTOTP
import Testing

@testable import IAMConfServer

/// IAM's virtual MFA calls through serve, and STS taking each code once.
@Suite struct MFADeviceAPITests {
    static func iam(_ parameters: [(String, String)], as credentials: AWSCredentials) -> ServerRequest {
        LabFixture.query("iam", [("Version", "2010-05-08")] + parameters, as: credentials)
    }

    static func sessionToken(serial: String, code: String, as credentials: AWSCredentials) -> ServerRequest {
        LabFixture.query(
            "sts", [("Action", "GetSessionToken"), ("Version", "2011-06-15"), ("SerialNumber", serial), ("TokenCode", code)], as: credentials)
    }

    static func value(_ name: String, in response: ServerResponse) -> String? {
        WireElement.parse(Data(response.body))?.first(name)?.text
    }

    @Test func aCodeIsGoodOnce() async throws {
        let lab = try await LabFixture.make()
        let code = LabFixture.aliceTOTP.code(at: LabFixture.now)
        let first = await lab.server.handle(MFATests.assume(serial: LabFixture.aliceMFASerial, code: code, as: lab.alice))
        #expect(first.status == 200, "\(first.bodyText)")
        let again = await lab.server.handle(MFATests.assume(serial: LabFixture.aliceMFASerial, code: code, as: lab.alice))
        #expect(LabFixture.error(again)?.message == "MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        let token = await lab.server.handle(Self.sessionToken(serial: LabFixture.aliceMFASerial, code: code, as: lab.alice))
        #expect(LabFixture.error(token)?.code == "AccessDenied")
        // An older code (still inside the drift window) is refused too once a newer one was used.
        let older = LabFixture.aliceTOTP.code(at: LabFixture.now.addingTimeInterval(-30))
        let late = await lab.server.handle(Self.sessionToken(serial: LabFixture.aliceMFASerial, code: older, as: lab.alice))
        #expect(LabFixture.error(late)?.code == "AccessDenied")
        // The next step's code is new: accepted.
        let next = LabFixture.aliceTOTP.code(at: LabFixture.now.addingTimeInterval(30))
        let fresh = await lab.server.handle(Self.sessionToken(serial: LabFixture.aliceMFASerial, code: next, as: lab.alice))
        #expect(fresh.status == 200, "\(fresh.bodyText)")
    }

    @Test func aDeviceMadeThroughIAMIsEnabledWithItsCodesAndSignsSTSCalls() async throws {
        let lab = try await LabFixture.make()
        let created = await lab.server.handle(Self.iam([("Action", "CreateVirtualMFADevice"), ("VirtualMFADeviceName", "admin-phone")], as: lab.admin))
        #expect(created.status == 200, "\(created.bodyText)")
        let serial = try #require(Self.value("SerialNumber", in: created))
        #expect(serial == "arn:aws:iam::222222222222:mfa/admin-phone")
        let seed = try #require(Self.value("Base32StringSeed", in: created).flatMap(TOTP.seed(fromWire:)), "\(created.bodyText)")
        let totp = try #require(TOTP(base32Seed: seed))
        let again = await lab.server.handle(Self.iam([("Action", "CreateVirtualMFADevice"), ("VirtualMFADeviceName", "admin-phone")], as: lab.admin))
        #expect(LabFixture.error(again)?.code == "EntityAlreadyExists" && again.status == 409)

        let (first, second) = totp.consecutiveCodes(at: LabFixture.now)
        func enable(_ one: String, _ two: String) -> ServerRequest {
            Self.iam(
                [("Action", "EnableMFADevice"), ("UserName", "admin"), ("SerialNumber", serial), ("AuthenticationCode1", one),
                 ("AuthenticationCode2", two)], as: lab.admin)
        }
        let swapped = await lab.server.handle(enable(second, first))
        #expect(swapped.status == 403)
        #expect(LabFixture.error(swapped)?.code == "InvalidAuthenticationCode")
        #expect(LabFixture.error(swapped)?.message == "Authentication code for device is not valid.")
        let badShape = await lab.server.handle(enable("12345", second))
        #expect(LabFixture.error(badShape)?.code == "ValidationError")
        let enabled = await lab.server.handle(enable(first, second))
        #expect(enabled.status == 200, "\(enabled.bodyText)")

        let assigned = await lab.server.handle(Self.iam([("Action", "ListVirtualMFADevices"), ("AssignmentStatus", "Assigned")], as: lab.admin))
        #expect(assigned.bodyText.contains("<SerialNumber>\(serial)</SerialNumber><User>"), "\(assigned.bodyText)")
        #expect(assigned.bodyText.contains("<UserName>admin</UserName>"))
        let unassigned = await lab.server.handle(Self.iam([("Action", "ListVirtualMFADevices"), ("AssignmentStatus", "Unassigned")], as: lab.admin))
        #expect(!unassigned.bodyText.contains(serial), "\(unassigned.bodyText)")
        let listed = await lab.server.handle(Self.iam([("Action", "ListMFADevices"), ("UserName", "admin")], as: lab.admin))
        #expect(listed.bodyText.contains("<SerialNumber>\(serial)</SerialNumber>"), "\(listed.bodyText)")
        let own = await lab.server.handle(Self.iam([("Action", "ListMFADevices")], as: lab.admin))
        #expect(own.bodyText.contains("<UserName>admin</UserName><SerialNumber>\(serial)</SerialNumber>"), "\(own.bodyText)")

        let token = await lab.server.handle(Self.sessionToken(serial: serial, code: totp.code(at: LabFixture.now), as: lab.admin))
        #expect(token.status == 200, "\(token.bodyText)")
        // alice may not name admin's device.
        let foreign = await lab.server.handle(Self.sessionToken(serial: serial, code: totp.code(at: LabFixture.now.addingTimeInterval(30)), as: lab.alice))
        #expect(LabFixture.error(foreign)?.code == "AccessDenied")

        let busy = await lab.server.handle(Self.iam([("Action", "DeleteVirtualMFADevice"), ("SerialNumber", serial)], as: lab.admin))
        #expect(LabFixture.error(busy)?.code == "DeleteConflict" && busy.status == 409, "\(busy.bodyText)")
        let resync = await lab.server.handle(
            Self.iam(
                [("Action", "ResyncMFADevice"), ("UserName", "admin"), ("SerialNumber", serial), ("AuthenticationCode1", first),
                 ("AuthenticationCode2", second)], as: lab.admin))
        #expect(resync.status == 200, "\(resync.bodyText)")
        let deactivated = await lab.server.handle(
            Self.iam([("Action", "DeactivateMFADevice"), ("UserName", "admin"), ("SerialNumber", serial)], as: lab.admin))
        #expect(deactivated.status == 200, "\(deactivated.bodyText)")
        let afterwards = await lab.server.handle(Self.sessionToken(serial: serial, code: totp.code(at: LabFixture.now.addingTimeInterval(30)), as: lab.admin))
        #expect(LabFixture.error(afterwards)?.code == "AccessDenied", "a deactivated device still signs: \(afterwards.bodyText)")
        let deleted = await lab.server.handle(Self.iam([("Action", "DeleteVirtualMFADevice"), ("SerialNumber", serial)], as: lab.admin))
        #expect(deleted.status == 200, "\(deleted.bodyText)")
        let missing = await lab.server.handle(Self.iam([("Action", "DeleteVirtualMFADevice"), ("SerialNumber", serial)], as: lab.admin))
        #expect(LabFixture.error(missing)?.code == "NoSuchEntity" && missing.status == 404)
    }

    /// alice has no IAM permissions: making a device is authorized like any IAM call.
    @Test func makingADeviceNeedsThePermission() async throws {
        let lab = try await LabFixture.make()
        let refused = await lab.server.handle(Self.iam([("Action", "CreateVirtualMFADevice"), ("VirtualMFADeviceName", "alice")], as: lab.alice))
        #expect(LabFixture.error(refused)?.code == "AccessDenied")
        #expect(LabFixture.error(refused)?.message.contains("iam:CreateVirtualMFADevice on resource: arn:aws:iam::222222222222:mfa/alice") == true,
                "\(refused.bodyText)")
    }
}
