import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// One documented behaviour: a `simulate` request and the results AWS's documentation implies.
struct SimulateCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let doc: String
    let request: JSONValue
    let expect: [JSONValue]

    var testDescription: String { "\(file): \(name)" }

    /// Every case in `Fixtures/simulate/*.json` (each file is a list of cases), in file order.
    static let all: [SimulateCase] = {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { return [] }
        let folder = root.appendingPathComponent("simulate")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
        var cases: [SimulateCase] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  let list = (try? JSONParser.parse(String(decoding: data, as: UTF8.self)))?.arrayValue
            else {
                cases.append(SimulateCase(file: file, name: "unreadable fixture file", doc: "", request: .null, expect: []))
                continue
            }
            for item in list {
                cases.append(SimulateCase(
                    file: file, name: item["name"]?.stringValue ?? "?", doc: item["doc"]?.stringValue ?? "",
                    request: item["request"] ?? .null, expect: item["expect"]?.arrayValue ?? []))
            }
        }
        return cases
    }()
}

@Suite struct SimulateCorpusTests {
    @Test func corpusHasAtLeast150CasesEachCitingAWSDocumentation() {
        #expect(SimulateCase.all.count >= 150)
        for item in SimulateCase.all {
            #expect(item.doc.hasPrefix("https://docs.aws.amazon.com/"), "\(item.testDescription) cites no AWS page")
        }
    }

    @Test(arguments: SimulateCase.all)
    func simulateMatchesTheDocumentation(_ item: SimulateCase) throws {
        let request = try SimulationRequest.decode(item.request).get()
        let results = Simulation.evaluate(request)
        let rendered = Simulation.response(request, results)["EvaluationResults"]?.arrayValue ?? []
        try #require(results.count == item.expect.count, "expected \(item.expect.count) results, got \(results.count)")
        for (index, expected) in item.expect.enumerated() {
            let result = results[index]
            let label = "\(result.action) on \(result.resource)"
            #expect(rendered[index]["EvalDecision"]?.stringValue == expected["decision"]?.stringValue, "\(label)")
            if let matched = expected["matched"]?.arrayValue {
                let actual = result.decision.matchedStatements.map { "\($0.policyID)#\($0.statementIndex)" }
                #expect(actual == matched.compactMap(\.stringValue), "\(label) matched statements")
            }
            if let missing = expected["missing"]?.arrayValue {
                let actual = rendered[index]["MissingContextValues"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(Set(actual) == Set(missing.compactMap(\.stringValue)), "\(label) missing context keys")
            }
            for key in ["allowedByPermissionsBoundary", "allowedByOrganizations"] {
                guard case let .bool(value)? = expected[key] else { continue }
                let actual = key == "allowedByOrganizations"
                    ? result.decision.allowedByOrganizations : result.decision.allowedByPermissionsBoundary
                #expect(actual == value, "\(label) \(key)")
            }
        }
    }
}
