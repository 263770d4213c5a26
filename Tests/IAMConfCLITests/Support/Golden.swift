import Foundation
import Testing

/// Compares rendered output with a file under Fixtures/golden; `IAMCONF_RECORD=1` rewrites it.
enum Golden {
    static let directory = CLIRunner.repositoryRoot.appendingPathComponent("Tests/IAMConfCLITests/Fixtures/golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["IAMCONF_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with IAMCONF_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from golden \(name)", sourceLocation: sourceLocation)
    }
}
