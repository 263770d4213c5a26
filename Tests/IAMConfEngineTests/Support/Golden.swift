import Foundation
import Testing

/// Golden files live in the source tree, so they are found through this file's path; the
/// `Fixtures` resource copy in the test bundle is not used for them because recording must write
/// to the source. Set `IAMCONF_RECORD=1` to (re-)record instead of comparing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["IAMCONF_RECORD"] == "1" }

    /// Compares `actual` with the golden file `name`, or writes it when recording.
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with IAMCONF_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1): got \"\($0.element.0)\", expected \"\($0.element.1)\"" }
                ?? "line count \(actualLines.count) vs \(expectedLines.count)"
            Issue.record("\(name) differs from its golden file at \(where_)", sourceLocation: sourceLocation)
        }
    }
}
