import ArgumentParser

/// `--parallelism N`, the same on plan, apply, destroy and refresh: how many independent backend
/// calls run at once. Zero would run nothing and wait forever, and a negative count means nothing,
/// so both are refused before any work starts.
struct ParallelismOption: ParsableArguments {
    /// Ten, as Terraform's default: enough to hide an endpoint's latency, few enough not to be throttled.
    static let defaultValue = 10

    // `.unconditional` so `--parallelism -1` reaches `validate()` and gets its message, instead of
    // being read as an unknown option `-1`.
    @Option(name: .long, parsing: .unconditional, help: "How many backend calls run at once (at least 1; default 10).")
    var parallelism = ParallelismOption.defaultValue

    func validate() throws {
        guard parallelism >= 1 else {
            throw ValidationError(
                "--parallelism must be a whole number of at least 1, got \(parallelism): it is how many backend calls run at once (default \(Self.defaultValue))")
        }
    }
}
