import Foundation
import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// The drift views, from hand-made drift (the simulator tests produce real drift).
@Suite struct RefreshRendererTests {
    static let role = ResourceState(
        address: Address(account: "target", kind: .role, name: "S3Access"), type: ResourceType(rawValue: "role"), accountID: "111111111111",
        attributes: [
            "name": .string("S3Access"), "path": .string("/"), "description": .string("S3 access"),
            "max_session_duration": .number("3600"), "tags": .object([("env", .string("prod"))]), "permissions_boundary": .null,
            "assume_role_policy": document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#),
        ],
        outputs: ["arn": "arn:aws:iam::111111111111:role/S3Access"])
    static let key = ResourceState(
        address: Address(account: "target", kind: .user, name: "alice", sub: "access_key", key: "1"), type: ResourceType(rawValue: "access_key"),
        accountID: "111111111111", attributes: ["user": .string("alice"), "index": .number("1")],
        outputs: ["access_key_id": "AKIAEXAMPLE"], secrets: ["secret_access_key": "very-secret"])

    static func document(_ text: String) -> JSONValue { (try? JSONParser.parse(text)) ?? .null }

    static let drift = [
        Drift(
            address: role.address, kind: .changed, before: role,
            changes: [
                AttributeDrift(
                    name: "assume_role_policy", before: role.attributes["assume_role_policy"] ?? .null,
                    after: document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#)),
                AttributeDrift(name: "description", before: .string("S3 access"), after: .null),
                AttributeDrift(name: "tags", before: .object([("env", .string("prod"))]), after: .object([("env", .string("dev"))])),
            ]),
        Drift(address: key.address, kind: .deleted, before: key),
    ]

    @Test func textGolden() {
        Golden.check(DriftRenderer.text(Self.drift, followedByPlan: false, color: false), "drift.txt")
    }

    @Test func jsonGolden() {
        let result = RefreshResult(
            state: State(lineage: "x"), drift: Self.drift,
            unreadable: [UnreadableResource(address: Address(account: "target", kind: .bucket, name: "b"), reason: "Unsupported")])
        Golden.check(DriftRenderer.json(result), "drift.json")
    }

    @Test func secretsNeverShow() {
        for output in [DriftRenderer.text(Self.drift, followedByPlan: true, color: true), DriftRenderer.json(RefreshResult(state: State(lineage: "x"), drift: Self.drift))] {
            #expect(!output.contains("very-secret"))
        }
    }

    @Test func noDrift() {
        #expect(DriftRenderer.text([], followedByPlan: true, color: false) == "")
        #expect(DriftRenderer.text([], followedByPlan: false, color: false) == "No changes. No objects have changed outside of iamconf.\n")
    }

    @Test func withoutColorThereAreNoEscapes() {
        #expect(!DriftRenderer.text(Self.drift, followedByPlan: true, color: false).contains("\u{1B}"))
        #expect(DriftRenderer.text(Self.drift, followedByPlan: true, color: true).contains("\u{1B}"))
    }

    @Test func planJSONCarriesTheDriftBeforeTheChanges() throws {
        let plan = Plan(changes: [], unchangedCount: 2, prior: StateFingerprint(State(lineage: "l", serial: 3)), backend: .simulator, isDestroy: false)
        let text = DriftRenderer.planJSON(plan, drift: Self.drift)
        let keys = try JSONParser.parse(text).objectValue?.map(\.key)
        #expect(keys == ["format_version", "applyable", "complete", "errored", "resource_drift", "resource_changes", "prior_state", "iamconf"])
        #expect(text.contains(#""action": "deleted""#))
    }
}
