// In-process micro-benchmarks; the end-to-end benchmark is scripts/bench.py, which runs this
// executable (pinned to one core) and records its last output line, a JSON object.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let wantsJSON = arguments.contains("--json")
let seconds = arguments.firstIndex(of: "--seconds").flatMap { index in
    arguments.index(after: index) < arguments.endIndex ? Double(arguments[arguments.index(after: index)]) : nil
} ?? 2

do {
    let result = try PolicyThroughput.measure(seconds: seconds)
    for line in result.lines { print(line) }
    if wantsJSON { print(result.json) }
} catch {
    FileHandle.standardError.write(Data("iamconf-bench: \(error)\n".utf8))
    exit(1)
}
