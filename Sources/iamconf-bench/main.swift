// In-process micro-benchmarks. `iamconf-bench [--json] [--seconds S]` measures the policy engine;
// `iamconf-bench pipeline [plan|apply|destroy] CONFIG --state FILE` times the plan/apply phases
// (and is the callgrind target). scripts/bench.py runs the first, pinned to one core, and records
// its last output line, a JSON object.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ error: any Error) -> Never {
    FileHandle.standardError.write(Data("iamconf-bench: \(error)\n".utf8))
    exit(1)
}

if arguments.first == "pipeline" {
    // No top-level `await`: a synchronous main keeps plan mode off the concurrency runtime, which
    // valgrind 3.19 cannot follow; apply mode waits for its task on a semaphore instead.
    do {
        let pipeline = try Pipeline(arguments: Array(arguments.dropFirst()))
        for line in try pipeline.runBlocking() { print(line) }
    } catch {
        fail(error)
    }
} else {
    let seconds = arguments.firstIndex(of: "--seconds").flatMap { index in
        index + 1 < arguments.count ? Double(arguments[index + 1]) : nil
    } ?? 2
    do {
        let result = try PolicyThroughput.measure(seconds: seconds)
        for line in result.lines { print(line) }
        if arguments.contains("--json") { print(result.json) }
    } catch {
        fail(error)
    }
}
