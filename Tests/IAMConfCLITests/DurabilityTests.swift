import Foundation
import Testing

/// The state never loses work: kills at any moment, two processes at once, stale locks.
@Suite("State durability", .serialized)
struct DurabilityTests {
    @Test("an apply killed with SIGKILL at several points loses nothing; the next apply finishes the work")
    func killDuringApply() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", LargeConfiguration.yaml(users: 600))
        let cli = CLIRunner(directory: temp.url)
        let full = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(full.status == 2, "\(full)")
        let total = try #require(planTotal(full.stdout), "\(full.stdout.suffix(300))")

        var previousRemaining = total
        for delay in [0.05, 0.15, 0.3, 0.6] {
            let apply = try cli.start(["apply", "config", "--auto-approve"])
            Thread.sleep(forTimeInterval: delay)
            kill(apply.processIdentifier, SIGKILL)
            apply.waitUntilExit()

            // The state must still be readable and the plan must show only what is left.
            let plan = try cli.run(["plan", "config", "--detailed-exitcode"])
            #expect(plan.status == 0 || plan.status == 2, "after a kill at \(delay)s: \(plan)")
            let remaining = plan.status == 0 ? 0 : (planTotal(plan.stdout) ?? -1)
            #expect(remaining >= 0 && remaining <= previousRemaining, "after a kill at \(delay)s: \(remaining) of \(previousRemaining) remain")
            previousRemaining = remaining
        }

        let finish = try cli.run(["apply", "config", "--auto-approve"])
        #expect(finish.status == 0, "\(finish)")
        let clean = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(clean.status == 0, "\(clean)")
        let destroy = try cli.run(["destroy", "config", "--auto-approve"])
        #expect(destroy.status == 0, "\(destroy)")
        try expectEmptyWorld(temp.url.appendingPathComponent("config/.iamconf"))
    }

    @Test("a second apply while one runs gets a clear lock error naming the holder")
    func concurrentApply() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", LargeConfiguration.yaml(users: 600))
        let cli = CLIRunner(directory: temp.url)
        let first = try cli.start(["apply", "config", "--auto-approve", "--parallelism", "1"])
        let lock = temp.url.appendingPathComponent("config/iamconf.state.json.lock")
        waitUntil(first) { FileManager.default.fileExists(atPath: lock.path) }
        // Frozen, the first apply holds its lock however fast this machine is.
        let second = try whileStopped(first) { try cli.run(["apply", "config", "--auto-approve"]) }
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 1, "\(second)")
        #expect(second.stderr.contains("lock"), "\(second)")
        #expect(second.stderr.contains("pid \(first.processIdentifier)") || second.stderr.contains("\(first.processIdentifier)"), "\(second)")
        #expect(try cli.run(["plan", "config", "--detailed-exitcode"]).status == 0)
    }

    @Test("an object someone else made is never taken over, not even after a failed apply")
    func foreignObjectsAreNotAdopted() throws {
        let temp = try TemporaryDirectory()
        try temp.write("a.yaml", "accounts:\n  a:\n    id: \"111111111111\"\n    users:\n      shared: { tags: { owner: teamA } }\n")
        try temp.write("b.yaml", "accounts:\n  a:\n    id: \"111111111111\"\n    users:\n      shared: { tags: { owner: teamB } }\n")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "a.yaml", "--state", "a.state", "--auto-approve"]).status == 0)
        for attempt in 1...2 {
            let other = try cli.run(["apply", "b.yaml", "--state", "b.state", "--auto-approve"])
            #expect(other.status == 1, "attempt \(attempt): \(other)")
            #expect(other.stderr.contains("EntityAlreadyExists"), "attempt \(attempt): \(other)")
        }
        #expect(try cli.run(["plan", "a.yaml", "--state", "a.state", "--detailed-exitcode"]).status == 0)
    }

    @Test("two states sharing one simulated world never lose each other's objects")
    func sharedWorldIsLocked() throws {
        let temp = try TemporaryDirectory()
        try temp.write("a.yaml", LargeConfiguration.yaml(users: 600))
        try temp.write("b.yaml", "accounts:\n  other:\n    id: \"333333333333\"\n    users:\n      solo: {}\n")
        let cli = CLIRunner(directory: temp.url)
        let first = try cli.start(["apply", "a.yaml", "--state", "a.state", "--auto-approve", "--parallelism", "1"])
        // The world lock is taken once the backend opens, before the first state save: wait for that save.
        waitUntil(first) { temp.exists("a.state") }
        let second = try whileStopped(first) { try cli.run(["apply", "b.yaml", "--state", "b.state", "--auto-approve"]) }
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 1 && second.stderr.contains("another iamconf process is changing the simulated world"), "\(second)")
        #expect(try cli.run(["apply", "b.yaml", "--state", "b.state", "--auto-approve"]).status == 0)
        // Both states still match what the world holds.
        #expect(try cli.run(["plan", "a.yaml", "--state", "a.state", "--refresh", "--detailed-exitcode"]).status == 0)
        #expect(try cli.run(["plan", "b.yaml", "--state", "b.state", "--refresh", "--detailed-exitcode"]).status == 0)
    }

    @Test("Ctrl-C stops new work, saves the state and releases the lock")
    func interruptIsGraceful() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", LargeConfiguration.yaml(users: 600))
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.start(["apply", "config", "--auto-approve", "--parallelism", "1"])
        waitUntil(apply) { temp.exists("config/iamconf.state.json") }
        // The interrupt is queued while the apply is frozen, so it lands mid-apply however fast the machine is.
        whileStopped(apply) { kill(apply.processIdentifier, SIGINT) }
        apply.waitUntilExit()
        let output = try temp.read("started.stdout")
        #expect(apply.terminationStatus == 1, "\(output)")
        #expect(output.contains("Apply interrupted after"), "\(output)")
        #expect(!temp.exists("config/iamconf.state.json.lock"))
        let plan = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        #expect(try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"]).status == 0)
    }

    @Test("force-unlock removes a lock and names whose it was")
    func forceUnlock() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", LargeConfiguration.yaml(users: 600))
        let cli = CLIRunner(directory: temp.url)
        let holder = try cli.start(["apply", "config", "--auto-approve", "--parallelism", "1"])
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        let lock = temp.url.appendingPathComponent("config/iamconf.state.json.lock")
        waitUntil(holder) { FileManager.default.fileExists(atPath: lock.path) }
        kill(holder.processIdentifier, SIGSTOP)
        #expect(FileManager.default.fileExists(atPath: lock.path))
        let unlock = try cli.run(["force-unlock", "config"])
        #expect(unlock.status == 0, "\(unlock)")
        #expect(unlock.stdout.contains("\(holder.processIdentifier)"), "\(unlock)")
        #expect(!FileManager.default.fileExists(atPath: lock.path))
        let again = try cli.run(["force-unlock", "config"])
        #expect(again.status == 1 && again.stderr.contains("not locked"), "\(again)")
    }

    @Test("a lock left by a process that no longer runs is taken over with a note")
    func staleLockTakenOver() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        // A lock as a killed apply leaves it: this host, a pid that has exited.
        let gone = try cli.start(["--version"])
        gone.waitUntilExit()
        let host = shortHostName()
        try temp.write("config/iamconf.state.json.lock", """
            {"id": "0d5e", "operation": "apply", "who": "someone@\(host)", "host": "\(host)", "pid": \(gone.processIdentifier),
             "created": "2026-01-01T00:00:00Z", "iamconf_version": "0.1.0", "path": "config/iamconf.state.json"}
            """)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stderr.contains("stale lock") && apply.stderr.contains("pid \(gone.processIdentifier)"), "\(apply)")
        #expect(!temp.exists("config/iamconf.state.json.lock"))
        #expect(try cli.run(["plan", "config", "--detailed-exitcode"]).status == 0)
    }

    @Test("a lock held by a live process is never taken over")
    func liveLockRefused() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let host = shortHostName()
        try temp.write("config/iamconf.state.json.lock", """
            {"id": "77aa", "operation": "apply", "who": "someone@\(host)", "host": "\(host)", "pid": \(getpid()),
             "created": "2026-01-01T00:00:00Z", "iamconf_version": "0.1.0", "path": "config/iamconf.state.json"}
            """)
        let apply = try CLIRunner(directory: temp.url).run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stderr.contains("someone@\(host)") && apply.stderr.contains("force-unlock"), "\(apply)")
        #expect(!temp.exists("config/iamconf.state.json"))
    }
}

/// The total of "Plan: A to add, C to change, D to destroy."
func planTotal(_ output: String) -> Int? {
    guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("Plan: ") }) else { return nil }
    let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    return numbers.count == 3 ? numbers.reduce(0, +) : nil
}

/// The host name as `gethostname` gives it, the way the state lock records it.
func shortHostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Runs `body` while `process` is stopped (SIGSTOP), then lets it go on: makes "while the other
/// process is mid-apply" certain instead of a race against the machine's speed.
@discardableResult
func whileStopped<T>(_ process: Process, _ body: () throws -> T) rethrows -> T {
    kill(process.processIdentifier, SIGSTOP)
    defer { kill(process.processIdentifier, SIGCONT) }
    return try body()
}

/// Polls (up to 30 s) until `condition` holds or `process` has ended: for tests that act while an
/// apply is in a known phase (holding its lock, having written its state).
func waitUntil(_ process: Process, _ condition: () -> Bool) {
    let deadline = Date().addingTimeInterval(30)
    while !condition(), process.isRunning, Date() < deadline {
        Thread.sleep(forTimeInterval: 0.01)
    }
}
