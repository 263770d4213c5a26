import Foundation
import IAMConfBackend
import IAMConfConformance
import IAMConfPolicy
import IAMConfQueryAPI
import IAMConfServer
import IAMConfServerHTTP
import IAMConfSimulator
import Testing

/// The Backend conformance suite against iamconf serve, the third backend: HTTPBackend (the client
/// iamconf applies with) signs every call with the lab's management credential, reaches the account
/// through OrganizationAccountAccessRole, and serve performs it on a fresh simulator.
@Suite(.serialized) struct ServeConformanceTests {
    static let management = ServerCredential(
        accessKeyID: "AKIAMANAGEMENT000001", secretAccessKey: "management-secret-for-tests", identity: .management)

    /// Differences between serve and the simulator behind it, by case name, with why.
    static let knownDeviations: [String: String] = [:]

    @Test("conformance cases through iamconf serve")
    func conformance() async throws {
        let catalog = ManagedPolicyCatalog.shared
        let simulator = try IAMSimulator(isAWSManagedPolicy: { catalog.contains(arn: $0) })
        let lab = LabServer(simulator: simulator, credentials: [Self.management])
        let http = try await HTTPServer.bind(host: "127.0.0.1", port: 0, lab: lab)
        let serving = Task { try await http.run() }
        defer { http.close() }
        let url = try #require(URL(string: "http://127.0.0.1:\(http.port)"))
        let credentials = AWSCredentials(accessKeyID: Self.management.accessKeyID, secretAccessKey: Self.management.secretAccessKey)
        let backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: url, credentials: credentials, parallelism: 4), environment: [:])
        var failed: [String] = []
        for conformanceCase in ConformanceSuite.all {
            let result = await conformanceCase.run(on: backend, account: "444444444444")
            if let deviation = Self.knownDeviations[conformanceCase.name] {
                withKnownIssue("serve deviation: \(deviation)", isIntermittent: true) { #expect(result.failures.isEmpty, "\(result)") }
            } else if !result.failures.isEmpty {
                failed.append("\(conformanceCase.name): \(result)")
            }
        }
        #expect(failed.isEmpty, "\(failed.count) of \(ConformanceSuite.all.count) cases failed:\n\(failed.joined(separator: "\n"))")
        http.close()
        try await serving.value
    }
}
