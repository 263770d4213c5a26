import Foundation

/// serve's clock, which tests may move: `IAMCONF_SERVE_CLOCK_OFFSET_FILE` names a file holding a
/// number of seconds (possibly negative or fractional) added to the real time, read again at each
/// request, so a test can let a 900-second session expire without waiting 15 minutes.
///
/// Test-only and undocumented in `--help`: a lab never needs it, and it changes what every
/// signature, session and presigned URL is checked against. A missing or unreadable file counts as
/// no offset.
enum ServeTestClock {
    static let variable = "IAMCONF_SERVE_CLOCK_OFFSET_FILE"

    /// The real clock, or the real clock moved by the file's offset when the variable is set.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> @Sendable () -> Date {
        guard let file = environment[variable], !file.isEmpty else { return { Date() } }
        return {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            let offset = TimeInterval(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            return Date().addingTimeInterval(offset)
        }
    }
}
