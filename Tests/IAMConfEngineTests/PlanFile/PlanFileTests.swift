import Foundation
import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

@Suite struct PlanFileTests {
    /// What a plan file keeps: everything but source locations and secrets.
    static func stripped(_ plan: Plan) -> Plan {
        var plan = plan
        for index in plan.changes.indices {
            plan.changes[index].before?.secrets = [:]
            plan.changes[index].after?.location = nil
        }
        return plan
    }

    static let plans: [(String, Plan)] = [
        ("mixed", PlanFixtures.mixedPlan),
        ("destroy", PlanFixtures.destroyPlan),
        ("no changes", PlanFixtures.noChangePlan),
        (
            "endpoint, no prior state",
            Planner().plan(
                desired: PlanFixtures.desired, prior: nil, backend: BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:5000"))
        ),
    ]

    @Test(arguments: plans)
    func roundTrip(_ name: String, _ plan: Plan) throws {
        let decoded = try PlanFile.decode(PlanFile.encode(plan))
        #expect(decoded == Self.stripped(plan))
        #expect(PlanFile.encode(decoded) == PlanFile.encode(plan))
    }

    @Test func roundTripDropsLocationsButKeepsOddValues() throws {
        var resource = PlanFixtures.resource(
            "target.user.a.b.inline[x.y]", .userInlinePolicy,
            [
                "entity": .string("a.b"), "name": .string("quote\" back\\slash\nnewline ünïcödé 🎉"),
                "document": .object([("Z", .number("1.50")), ("A", .array([.null, .bool(false), .number("-0")]))]),
            ])
        resource.location = IAMConfCore.SourceLocation(file: "main.yaml", line: 3, column: 5)
        let plan = Plan(
            changes: [ResourceChange(address: resource.address, action: .create, before: nil, after: resource)], unchangedCount: 0,
            prior: StateFingerprint(lineage: nil, serial: nil), backend: .simulator, isDestroy: false)
        let decoded = try PlanFile.decode(PlanFile.encode(plan))
        #expect(decoded == Self.stripped(plan))
        #expect(decoded.changes[0].after?.attributes["document"]?.objectValue?.map(\.key) == ["Z", "A"])
    }

    @Test func fileNeverContainsSecrets() {
        let text = PlanFile.encode(PlanFixtures.destroyPlan)
        #expect(!text.contains(PlanFixtures.secretKey))
        #expect(!text.contains(PlanFixtures.password))
        #expect(text.hasPrefix("{\n  \"iamconf_plan\": 1,\n"))
    }

    @Test func restoringSecretsPutsTheStatesBack() throws {
        let decoded = try PlanFile.decode(PlanFile.encode(PlanFixtures.destroyPlan))
        let restored = PlanFile.restoringSecrets(decoded, from: PlanFixtures.prior)
        let key = restored.changes.first { $0.address.description == "target.user.bob.access_key[1]" }
        #expect(key?.before?.secrets == ["secret_access_key": PlanFixtures.secretKey])
        #expect(restored == PlanFixtures.destroyPlan)
        #expect(PlanFile.restoringSecrets(decoded, from: nil) == decoded)
    }

    @Test(arguments: [
        ("", PlanFileError.Code.empty),
        (" \n\t", .empty),
        ("plan: yes", .notJSON),
        ("{\"iamconf_plan\": 1,}", .notJSON),
        ("{\"iamconf_plan\": 1, \"changes\": [", .truncated),
        ("{\"iamconf_plan\": 1, \"prior_st", .truncated),
        ("[1, 2]", .notAPlanFile),
        ("{\"lineage\": \"x\", \"serial\": 3, \"resources\": {}}", .notAPlanFile),
        ("\"iamconf_plan\"", .notAPlanFile),
        ("{\"iamconf_plan\": 2}", .unsupportedVersion),
        ("{\"iamconf_plan\": 0}", .unsupportedVersion),
        ("{\"iamconf_plan\": \"1\"}", .malformed),
        ("{\"iamconf_plan\": 1}", .malformed),
    ])
    func rejects(_ text: String, _ code: PlanFileError.Code) {
        #expect(throws: PlanFileError.self) { try PlanFile.decode(text) }
        do {
            _ = try PlanFile.decode(text)
        } catch {
            #expect(error.code == code)
            #expect(!error.hint.isEmpty)
        }
    }

    @Test func newerVersionTellsTheUserToUpgrade() {
        do {
            _ = try PlanFile.decode("{\"iamconf_plan\": 9, \"something\": \"new\"}")
            Issue.record("a version 9 plan file was accepted")
        } catch {
            #expect(error.message == "This plan file has format version 9; this iamconf reads version 1 and older.")
            #expect(error.hint == "Apply it with the iamconf version that made it, or upgrade iamconf.")
        }
    }

    /// Each edit makes a valid file wrong in one place; the message names that place.
    @Test(arguments: [
        ("\"action\": \"create\"", "\"action\": \"upsert\"", "changes[0].action is \"upsert\""),
        ("\"type\": \"group\"", "\"type\": \"widget\"", "changes[0].after.type is \"widget\", an unknown resource type"),
        ("\"address\": \"target.group.developers\",\n      \"action\"", "\"address\": \"nowhere\",\n      \"action\"", "changes[0].address is \"nowhere\""),
        ("\"destroy\": false", "\"destroy\": \"no\"", "destroy is not true or false"),
        ("\"serial\": 7", "\"serial\": 7.5", "prior_state.serial is not a whole number"),
        ("\"unchanged_count\": 1", "\"unchanged_count\": -1", "unchanged_count is negative"),
    ])
    func malformedNamesThePlace(_ original: String, _ replacement: String, _ expected: String) {
        let text = PlanFile.encode(PlanFixtures.mixedPlan)
        #expect(text.contains(original))
        do {
            _ = try PlanFile.decode(text.replacingOccurrences(of: original, with: replacement))
            Issue.record("an edited plan file was accepted")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func createWithABeforeIsRefused() {
        let text = PlanFile.encode(PlanFixtures.mixedPlan)
        // The first change is a create; give it the second change's (an update's) shape.
        let edited = text.replacingOccurrences(of: "\"action\": \"update\"", with: "\"action\": \"create\"")
        #expect(throws: PlanFileError.self) { try PlanFile.decode(edited) }
    }

    @Test func everyTruncationIsATypedError() {
        let text = PlanFile.encode(PlanFixtures.mixedPlan)
        let characters = Array(text)
        for length in stride(from: 0, to: characters.count - 2, by: 53) {
            let prefix = String(characters[..<length])
            do {
                _ = try PlanFile.decode(prefix)
                Issue.record("a plan file cut at \(length) was accepted")
            } catch {
                #expect([.empty, .truncated].contains(error.code), "cut at \(length): \(error.code) \(error.message) \(prefix.suffix(20))")
            }
        }
    }
}

@Suite struct PlanFileApplicabilityTests {
    @Test func aPlanFitsTheStateItWasMadeAgainst() throws {
        try PlanFile.checkApplicable(PlanFixtures.mixedPlan, state: PlanFixtures.prior, backend: .simulator)
        let fresh = Planner().plan(desired: PlanFixtures.desired, prior: nil, backend: .simulator)
        try PlanFile.checkApplicable(fresh, state: nil, backend: .simulator)
    }

    @Test func aNewerSerialMakesItStale() {
        var state = PlanFixtures.prior
        state.serial += 1
        #expect(throws: PlanFileError.self) { try PlanFile.checkApplicable(PlanFixtures.mixedPlan, state: state, backend: .simulator) }
        do {
            try PlanFile.checkApplicable(PlanFixtures.mixedPlan, state: state, backend: .simulator)
        } catch {
            #expect(error.code == .stale)
            #expect(
                error.message
                    == "The saved plan is stale: it was made against lineage 5f0c6b1e-6d1a-4c2e-9a53-2f4f1d1e9b7a serial 7, but the state is now lineage 5f0c6b1e-6d1a-4c2e-9a53-2f4f1d1e9b7a serial 8."
            )
        }
    }

    @Test func aPlanWithoutStateIsStaleOnceAStateExists() {
        let fresh = Planner().plan(desired: PlanFixtures.desired, prior: nil, backend: .simulator)
        do {
            try PlanFile.checkApplicable(fresh, state: PlanFixtures.prior, backend: .simulator)
            Issue.record("a plan made without state was accepted against one")
        } catch {
            #expect(error.code == .stale)
            #expect(error.message.contains("made against no state"))
        }
    }

    @Test func anotherBackendIsRefused() {
        let endpoint = BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:5000")
        do {
            try PlanFile.checkApplicable(PlanFixtures.mixedPlan, state: PlanFixtures.prior, backend: endpoint)
            Issue.record("a simulator plan was accepted for an endpoint")
        } catch {
            #expect(error.code == .wrongBackend)
            #expect(error.message == "This plan was made for the simulator backend, but the endpoint (http://127.0.0.1:5000) backend is in use now.")
        }
    }

    @Test func aChangeWhoseResourceNamesAnotherAddressIsRefused() {
        let text = PlanFile.encode(PlanFixtures.mixedPlan)
        let edited = text.replacingOccurrences(
            of: "\"address\": \"target.group.developers\",\n        \"type\"", with: "\"address\": \"target.group.admins\",\n        \"type\"")
        #expect(edited != text)
        do {
            _ = try PlanFile.decode(edited)
            Issue.record("a mismatched address was accepted")
        } catch {
            #expect(error.message == "The plan file is damaged: changes[0].after.address differs from the change's address.")
        }
    }
}

@Suite struct PlanFileRobustnessTests {
    @Test func aByteOrderMarkIsIgnored() throws {
        let plan = PlanFixtures.mixedPlan
        #expect(try PlanFile.decode("\u{FEFF}" + PlanFile.encode(plan)) == PlanFileTests.stripped(plan))
    }

    /// Single-character corruptions anywhere in a valid file either still decode or give a typed
    /// error; none may crash or hang.
    @Test func corruptedFilesNeverCrash() {
        let characters = Array(PlanFile.encode(PlanFixtures.mixedPlan))
        let replacements: [Character] = ["\"", "{", "]", "x", "9", "\u{0}", ",", "-"]
        var rejected = 0
        for (step, position) in stride(from: 0, to: characters.count, by: 97).enumerated() {
            var mutated = characters
            mutated[position] = replacements[step % replacements.count]
            if (try? PlanFile.decode(String(mutated))) == nil { rejected += 1 }
        }
        #expect(rejected > 0)
    }
}
