import Foundation
import IAMConfConfig
import Testing

/// Not a timed test: run with IAMCONF_MEASURE=1 to print load+validate times for the full size
/// (10,000 users, 2,000 roles, 5,000 policies in 20 accounts) and for half and a quarter of it,
/// so linear (not quadratic) growth can be read off the figures.
@Suite struct ScalingMeasurement {
    /// IAMCONF_GENERATE_TO=DIR writes the full-size configuration there (IAMCONF_GENERATE_ACCOUNTS
    /// accounts of 500 users, 100 roles and 250 policies; 20 by default), to time
    /// `iamconf validate DIR` with a release build.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["IAMCONF_GENERATE_TO"] != nil))
    func generateFullSizeConfiguration() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["IAMCONF_GENERATE_TO"] ?? ""
        let accounts = environment["IAMCONF_GENERATE_ACCOUNTS"].flatMap { Int($0) } ?? 20
        try ConfigurationGenerator.write(to: URL(fileURLWithPath: path), accounts: accounts, usersPerAccount: 500, rolesPerAccount: 100, policiesPerAccount: 250)
    }

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
