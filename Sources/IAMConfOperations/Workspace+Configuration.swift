import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfPolicy

extension Workspace {
    /// Loads and validates the configuration for planning; warnings go to the observer, errors end the operation.
    public func loadConfiguration(observer: some OperationObserver) throws(OperationError) -> Configuration {
        let configuration = try load(
            observer: observer,
            missingHint: "give a directory of *.yaml files or one .yaml file; see examples/ in the iamconf repository",
            failure: "the configuration has errors; nothing was planned")
        if let note = Self.unappliedOrganizationNote(configuration) { observer.warning(note) }
        return configuration
    }

    /// Loads the configuration for an access question; errors end the operation (nothing is evaluated).
    public func accessConfiguration(observer: some OperationObserver) throws(OperationError) -> Configuration {
        try load(
            observer: observer, missingHint: "give a directory of *.yaml files or one .yaml file as the first argument",
            failure: "the configuration has errors; nothing was evaluated")
    }

    private func load(observer: some OperationObserver, missingHint: String, failure: String) throws(OperationError) -> Configuration {
        guard FileManager.default.fileExists(atPath: configurationPath) else {
            throw OperationError("no configuration at \(configurationPath)", hint: missingHint)
        }
        let (configuration, diagnostics) = ConfigurationLoader.load(path: configurationPath)
        if !diagnostics.isEmpty {
            observer.warning(DiagnosticRenderer().text(diagnostics.sorted()))
        }
        guard let configuration, !diagnostics.hasErrors else {
            throw OperationError(failure, hint: "fix the problems above; `iamconf validate` lists them")
        }
        return configuration
    }

    /// The configuration's access tests must pass before anything is planned: a change set that
    /// breaks a stated expectation is refused, not shown for approval.
    ///
    /// With `skippingFailures` (`--skip-expectations`, for emergencies) the failures are reported as
    /// a warning that names each one, and planning goes on: the person pushing a fix through must
    /// still see what it breaks.
    public func checkExpectations(
        _ configuration: Configuration, observer: some OperationObserver, skippingFailures: Bool = false
    ) throws(OperationError) {
        guard !configuration.expectations.isEmpty else { return }
        let results = ExpectationRunner.run(configuration)
        guard !ExpectationRunner.allPassed(results) else { return }
        let failures = results.filter { !$0.isPassed }
        observer.warning(failures.map(\.text).joined())
        let counted = "\(failures.count) of \(results.count) access expectation\(results.count == 1 ? "" : "s") failed"
        guard skippingFailures else {
            throw OperationError(
                "\(counted); nothing was planned",
                hint: "fix the configuration or the expectation; `iamconf test` shows every expectation with its explanation")
        }
        observer.warning(Self.skippedExpectationsWarning(counted, failures: failures))
    }

    /// The warning `--skip-expectations` prints: every failing expectation by name and place.
    static func skippedExpectationsWarning(_ counted: String, failures: [ExpectationResult]) -> String {
        var lines = ["Warning: \(counted), and --skip-expectations plans anyway:"]
        lines += failures.map { failure in "  - \(failure.title)\(failure.place.map { " (\($0))" } ?? "")" }
        lines.append("Applying this plan breaks \(failures.count == 1 ? "this expectation" : "these expectations"); fix the configuration or the expectation as soon as the emergency is over.")
        return lines.joined(separator: "\n") + "\n"
    }
}
