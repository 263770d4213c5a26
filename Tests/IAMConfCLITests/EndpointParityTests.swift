import Foundation
import Testing

extension EndpointTests {
    /// The same configuration applied to the simulator and to moto must leave the same state: the
    /// same addresses, attributes, ARNs and dependencies. Only what a backend assigns by itself
    /// (unique ids, dates, generated secrets and key ids) may differ.
    @Suite("Simulator and moto agree", .serialized)
    struct Parity {
        /// Outputs a backend generates: they differ between any two applies, even on one backend.
        static let generatedOutputs: Set<String> = ["unique_id", "create_date", "access_key_id", "upload_date"]

        @Test("iamconf show --json is the same after applying to either backend", arguments: EndpointTests.examples)
        func sameState(example: EndpointTests.Example) async throws {
            let moto = try await MotoWorkspace.fresh()
            _ = try moto.temp.copyExample(example.name, to: "moto")
            _ = try moto.temp.copyExample(example.name, to: "simulator")

            let onMoto = try moto.iamconf(["apply", "moto", "--auto-approve"])
            try #require(onMoto.status == 0, "\(onMoto)")
            let onSimulator = try moto.cli.run(["apply", "simulator", "--auto-approve"])
            try #require(onSimulator.status == 0, "\(onSimulator)")

            let motoShow = try moto.cli.run(["show", "moto", "--json"])
            let simulatorShow = try moto.cli.run(["show", "simulator", "--json"])
            let motoState = try normalizedState(motoShow)
            let simulatorState = try normalizedState(simulatorShow)
            #expect(motoState.keys.sorted() == simulatorState.keys.sorted())
            #expect(!motoState.isEmpty)
            try expectSame(motoState, simulatorState)
        }

        func expectSame(
            _ moto: [String: [String: Any]], _ simulator: [String: [String: Any]], sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            for address in Set(moto.keys).union(simulator.keys).sorted() {
                let left = try moto[address].map(canonicalJSON) ?? "(absent)"
                let right = try simulator[address].map(canonicalJSON) ?? "(absent)"
                #expect(left == right, "\(address) differs:\n--- moto\n\(left)--- simulator\n\(right)", sourceLocation: sourceLocation)
            }
        }

        /// The resources of `show --json`, keyed by address, without generated outputs.
        func normalizedState(_ show: CLIRunner.Result, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: [String: Any]] {
            try #require(show.status == 0, "\(show)", sourceLocation: sourceLocation)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any], sourceLocation: sourceLocation)
            let resources = try #require(document["resources"] as? [[String: Any]], sourceLocation: sourceLocation)
            var result: [String: [String: Any]] = [:]
            for var resource in resources {
                let address = try #require(resource["address"] as? String, sourceLocation: sourceLocation)
                if var outputs = resource["outputs"] as? [String: Any] {
                    for key in Self.generatedOutputs { outputs[key] = nil }
                    resource["outputs"] = outputs
                }
                result[address] = resource
            }
            return result
        }
    }
}
