import Foundation
import IAMConfTOTP
import IAMConfTestSupport
import Testing

extension EndpointTests {
    /// `mfa: true` through the endpoint backend on moto: CreateVirtualMFADevice, then EnableMFADevice
    /// with two codes of the seed; read back by ListMFADevices; deactivated and deleted on destroy.
    /// A device whose creating answer was lost has a seed nobody knows: the next apply replaces it.
    @Suite("mfa_device on moto", .serialized)
    struct MFADevices {
        static let account = "111111111111"
        static let configuration = """
            accounts:
              lab:
                id: "111111111111"
                users:
                  alice: { mfa: true }
                  bob: { mfa: true }
            """

        /// moto's virtual devices: serial -> the user it is enabled for ("" when none).
        static func devices(_ moto: MotoWorkspace) throws -> [String: String] {
            let output = try Boto.run(["exec", moto.server.url.absoluteString, account, """
                devices = {d["SerialNumber"]: d.get("User", {}).get("UserName", "") for d in iam.list_virtual_mfa_devices()["VirtualMFADevices"]}
                print(json.dumps(devices))
                """])
            return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String], "\(output)")
        }

        /// Each user's device in moto is the state's, enabled for the user, and the state keeps its seed.
        static func expectConverged(_ moto: MotoWorkspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let state = try ConvergenceTests.stateResources(moto.temp, "config/iamconf.state.json")
            var expected: [String: String] = [:]
            for user in ["alice", "bob"] {
                let device = state["lab.user.\(user).mfa_device"]
                let serial = (device?["outputs"] as? [String: Any])?["arn"] as? String
                #expect(serial == "arn:aws:iam::\(account):mfa/\(user)", "\(user)'s serial in the state", sourceLocation: sourceLocation)
                let seed = (device?["secrets"] as? [String: Any])?["seed"] as? String
                #expect(seed.flatMap { TOTP(base32Seed: $0) } != nil, "\(user)'s seed in the state: \(seed ?? "none")", sourceLocation: sourceLocation)
                if let serial { expected[serial] = user }
            }
            let found = try devices(moto)
            #expect(found == expected, "moto's devices", sourceLocation: sourceLocation)
        }

        @Test("apply makes each device enabled with its seed in the state; refresh is clean; destroy removes them")
        func lifecycle() async throws {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", Self.configuration)
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")
            try Self.expectConverged(moto)
            let replan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(replan.status == 0 && replan.stdout.contains("No changes."), "\(replan)")
            #expect(!replan.stderr.contains("was not refreshed"), "\(replan.stderr)")
            // A device deleted behind iamconf's back is drift, made again by the next apply.
            try moto.boto(in: Self.account, """
                iam.deactivate_mfa_device(UserName="bob", SerialNumber="arn:aws:iam::111111111111:mfa/bob")
                iam.delete_virtual_mfa_device(SerialNumber="arn:aws:iam::111111111111:mfa/bob")
                """)
            let drift = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(drift.status == 2 && drift.stdout.contains("lab.user.bob.mfa_device"), "\(drift)")
            let repaired = try moto.iamconf(["apply", "config", "--refresh", "--auto-approve"])
            #expect(repaired.status == 0, "\(repaired)")
            try Self.expectConverged(moto)
            let destroy = try moto.iamconf(["destroy", "config", "--auto-approve"])
            #expect(destroy.status == 0, "\(destroy)")
            #expect(try Self.devices(moto).isEmpty)
        }

        @Test("an answer to CreateVirtualMFADevice lost every time: the apply fails; the next one replaces the seedless devices")
        func lostAnswers() async throws {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", Self.configuration)
            let proxy = try FaultProxy.start(upstream: moto.server.url, fault: .dropAnswer, rate: 1, onlyActions: ["CreateVirtualMFADevice"])
            defer { proxy.stop() }
            let through = ["--backend", "endpoint", "--endpoint-url", proxy.url.absoluteString]
            let failed = try moto.cli.run(["apply", "config", "--auto-approve"] + through)
            #expect(failed.status != 0, "\(failed)")
            #expect(proxy.droppedCount > 0)
            // moto now holds devices made by answers iamconf never saw.
            let orphans = try Self.devices(moto)
            #expect(!orphans.isEmpty && orphans.values.allSatisfy(\.isEmpty), "\(orphans)")

            proxy.setFaultRate(0)
            let apply = try moto.cli.run(["apply", "config", "--auto-approve"] + through)
            #expect(apply.status == 0, "\(apply)")
            try Self.expectConverged(moto)
            let clean = try moto.cli.run(["plan", "config", "--refresh", "--detailed-exitcode"] + through)
            #expect(clean.status == 0, "\(clean)")
        }

        @Test("a device of the user's name that iamconf did not make is refused, with how to remove it")
        func someoneElsesDevice() async throws {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", Self.configuration)
            try moto.boto(in: Self.account, #"iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")"#)
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            #expect(apply.status != 0, "\(apply)")
            #expect(apply.stderr.contains("a virtual MFA device named alice exists and iamconf did not make it"), "\(apply.stderr)")
            #expect(apply.stderr.contains("aws iam delete-virtual-mfa-device"), "\(apply.stderr)")
        }
    }
}
