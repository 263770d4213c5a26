import Foundation
import IAMConfCore
import IAMConfQueryAPI
import IAMConfSimulator
import Testing

@testable import IAMConfServer

/// What serve acknowledges is on disk before the answer: the world and the objects are written after
/// each call that changed them, not only when serve stops.
@Suite struct ServeDurabilityTests {
    @Test func anAcknowledgedWriteIsOnDiskBeforeTheAnswer() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lab = try await LabFixture.make(directory: directory)
        let objectsFile = directory.appendingPathComponent("objects.json")

        let created = await lab.server.handle(
            LabFixture.query("iam", [("Action", "CreateUser"), ("UserName", "mallory"), ("Version", "2010-05-08")], as: lab.admin))
        #expect(created.status == 200, "\(created.bodyText)")
        // Nobody flushed: what the file holds is what a serve killed now would leave.
        let world = try #require(try WorldStore(directory: directory).load())
        #expect(world.account(LabFixture.source)?.user(named: "mallory") != nil)

        let session = try #require(LabFixture.credentials(from: await lab.server.handle(LabServerTests.assume("S3Reader", as: lab.alice))))
        let put = await lab.server.handle(LabFixture.s3("PUT", "/shared-reports/kept.txt", body: Array("kept".utf8), as: session))
        #expect(put.status == 200, "\(put.bodyText)")
        #expect(try ObjectStore.load(objectsFile)["shared-reports"]?["kept.txt"]?.body == Array("kept".utf8))
        let deleted = await lab.server.handle(LabFixture.s3("DELETE", "/shared-reports/kept.txt", as: session))
        #expect(deleted.status == 204, "\(deleted.bodyText)")
        #expect(try ObjectStore.load(objectsFile)["shared-reports"]?["kept.txt"] == nil)

        // A refused write changes nothing and writes nothing.
        let before = try Data(contentsOf: WorldStore(directory: directory).fileURL)
        let refused = await lab.server.handle(
            LabFixture.query("iam", [("Action", "CreateUser"), ("UserName", "eve"), ("Version", "2010-05-08")], as: lab.alice))
        #expect(refused.status == 403)
        #expect(try Data(contentsOf: WorldStore(directory: directory).fileURL) == before)
    }
}
