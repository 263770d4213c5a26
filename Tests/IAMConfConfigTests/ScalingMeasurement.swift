import Foundation
import IAMConfConfig
import Testing

/// Not a timed test: run with IAMCONF_MEASURE=1 to print load+validate times for the full size
/// (10,000 users, 2,000 roles, 5,000 policies in 20 accounts) and for half and a quarter of it,
/// so linear (not quadratic) growth can be read off the figures.
@Suite struct ScalingMeasurement {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["IAMCONF_MEASURE"] == "1"))
    func loadAndValidateScalesLinearly() throws {
        for fraction in ProcessInfo.processInfo.environment["IAMCONF_MEASURE_ONLY_SMALL"] == "1" ? [50] : [4, 2, 1] {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamconf-scale-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try ConfigurationGenerator.write(to: directory, accounts: 20, usersPerAccount: 500 / fraction,
                                             rolesPerAccount: 100 / fraction, policiesPerAccount: 250 / fraction)
            let clock = ContinuousClock()
            var diagnosticsCount = 0
            var users = 0
            let elapsed = clock.measure {
                let (configuration, diagnostics) = ConfigurationLoader.load(path: directory.path)
                diagnosticsCount = diagnostics.count
                users = configuration?.accounts.reduce(0) { $0 + $1.users.count } ?? 0
            }
            print("scale 1/\(fraction): \(users) users, \(2000 / fraction) roles, \(5000 / fraction) policies -> \(elapsed) (\(diagnosticsCount) diagnostics)")
            #expect(diagnosticsCount == 0)
            if diagnosticsCount > 0 { print(ConfigurationLoader.load(path: directory.path).diagnostics.prefix(3).map { "\($0.location?.description ?? "") \($0.code) \($0.summary)" }) }
        }
    }
}
