import Foundation
import IAMConfCore
import IAMConfPolicy

extension UTCTime {
    /// The clock, read here: the policy engine takes the time as a value and reads none.
    public static var current: UTCTime { UTCTime(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}

extension AccessAnalyzer {
    /// An analyzer asking its questions now.
    public init(configuration: Configuration, region: String? = nil, principalIDs: [String: String] = [:]) {
        self.init(configuration: configuration, now: .current, region: region, principalIDs: principalIDs)
    }
}

extension ExpectationRunner {
    /// Runs the configuration's expectations now.
    public static func run(_ configuration: Configuration) -> [ExpectationResult] {
        run(configuration, now: .current)
    }
}
