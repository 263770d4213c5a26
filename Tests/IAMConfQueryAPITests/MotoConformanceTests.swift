import Foundation
import IAMConfBackend
import IAMConfConformance
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// Every Backend conformance case against HTTPBackend on a real moto_server.
///
/// A case whose `knownDeviations["endpoint"]` is set runs inside `withKnownIssue`, so moto's
/// documented differences from IAM show up as known issues in every run instead of disappearing.
@Suite(.motoServer, .serialized) struct MotoConformanceTests {
    let backend: HTTPBackend

    init() throws {
        let server = try #require(MotoServer.current, "the suite trait starts moto_server")
        backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, parallelism: 4), environment: [:])
    }

    /// moto differences observed here (and reproduced with plain boto3, so not the codec's doing)
    /// that the conformance suite does not record yet; reported to the suite's owner. By case name.
    static let observedDeviations: [String: String] = [
        "user: tags are merged, removed and limited":
            "moto's TagUser accepts 51 tags in one call (AWS: ValidationError above 50)",
        "group: create, read, update path, delete":
            "moto's UpdateGroup ignores NewPath: path and ARN keep the old path",
    ]

    /// A documented deviation may not show (the case can pass for another reason), so known issues
    /// are intermittent: shown when they occur, never turned into a failure when they do not.
    /// Each case runs in the caller's own account (base credentials) and in a second account
    /// reached through sts:AssumeRole, so both signing paths meet the whole suite.
    @Test("conformance case on moto_server", arguments: ConformanceSuite.all, ["123456789012", "555555555555"])
    func conformanceCase(_ conformanceCase: ConformanceCase, account: String) async {
        let result = await conformanceCase.run(on: backend, account: account)
        #expect(result.backendKind == "endpoint")
        if let deviation = conformanceCase.knownDeviations["endpoint"] ?? Self.observedDeviations[conformanceCase.name] {
            withKnownIssue("moto deviation: \(deviation)", isIntermittent: true) {
                #expect(result.failures.isEmpty, "\(result)")
            }
        } else {
            #expect(result.failures.isEmpty, "\(result)")
        }
    }
}
