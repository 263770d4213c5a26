import Foundation
import IAMConfPolicy

/// Decisions per second of `PolicyEvaluator.evaluate` on one thread, overall and per half of the mix.
struct PolicyThroughput {
    var overall: Double
    var simple: Double
    var conditionHeavy: Double
    var seconds: Double

    /// Runs each half of the workload, then the whole mix, for about `seconds / 3` each.
    static func measure(seconds: Double) throws(WorkloadError) -> PolicyThroughput {
        let workload = try PolicyWorkload()
        let share = max(0.1, seconds / 3)
        return PolicyThroughput(
            overall: rate(workload.cases, for: share),
            simple: rate(workload.cases.filter { !$0.isConditionHeavy }, for: share),
            conditionHeavy: rate(workload.cases.filter(\.isConditionHeavy), for: share),
            seconds: seconds)
    }

    /// Decisions per second over `cases`, cycling through them in batches so the clock is read rarely.
    private static func rate(_ cases: [PolicyWorkload.Case], for seconds: Double) -> Double {
        let requests = cases.map(\.request)
        let clock = ContinuousClock()
        let start = clock.now
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        var decisions = 0
        var allowed = 0
        while clock.now - start < limit {
            for _ in 0..<256 {
                for request in requests where PolicyEvaluator.evaluate(request).isAllowed { allowed += 1 }
                decisions += requests.count
            }
        }
        let elapsed = clock.now - start
        let secondsElapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // `allowed` keeps the optimiser from dropping the calls; it is a fixed share of `decisions`.
        precondition(allowed <= decisions)
        return Double(decisions) / secondsElapsed
    }

    var lines: [String] {
        [
            "policy engine, one thread, \(PolicyWorkloadSummary.description):",
            "  mix             \(Int(overall)) decisions/s",
            "  simple          \(Int(simple)) decisions/s",
            "  condition-heavy \(Int(conditionHeavy)) decisions/s",
        ]
    }

    var json: String {
        "{\"policy_decisions_per_s\": \(Int(overall)), \"simple_per_s\": \(Int(simple)), "
            + "\"condition_heavy_per_s\": \(Int(conditionHeavy)), \"seconds\": \(seconds)}"
    }
}

enum PolicyWorkloadSummary {
    static let description = "4 simple + 4 condition-heavy requests"
}
