/// Which state a saved plan was made against: its lineage and serial, or nothing when there was no
/// state yet.
///
/// A plan applies only to the exact state it was computed from. Keeping "no state" as `nil` (rather
/// than skipping the check) means a plan made before the first apply is stale once any state exists.
public struct StateFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `nil` when the plan was made with no state file.
    public var lineage: String?
    /// `nil` when the plan was made with no state file.
    public var serial: Int?

    /// A fingerprint as recorded in a saved plan.
    public init(lineage: String?, serial: Int?) {
        self.lineage = lineage
        self.serial = serial
    }

    /// The fingerprint of "no state file yet".
    public static let none = StateFingerprint(lineage: nil, serial: nil)

    /// The fingerprint of `state`, or `.none` when there is no state.
    public init(_ state: State?) {
        self.init(lineage: state?.lineage, serial: state?.serial)
    }

    /// Why a plan made against `self` cannot be applied to `current`, or `nil` when it can.
    public func staleness(against current: StateFingerprint) -> String? {
        switch (lineage, current.lineage) {
        case (nil, nil):
            return nil
        case (nil, _?):
            return "the plan was made with no state, but a state (serial \(current.serial ?? 0)) now exists"
        case (_?, nil):
            return "the plan was made against state serial \(serial ?? 0), but there is no state now"
        case let (planned?, now?) where planned != now:
            return "the plan was made against state lineage \(planned), but the state now has lineage \(now)"
        default:
            guard serial == current.serial else {
                return "the plan was made against state serial \(serial ?? 0), but the state is now at serial \(current.serial ?? 0)"
            }
            return nil
        }
    }

    /// Whether a plan made against `self` must be refused for `current`.
    public func isStale(against current: StateFingerprint) -> Bool { staleness(against: current) != nil }

    /// `lineage L serial N`, or `no state`.
    public var description: String {
        guard let lineage else { return "no state" }
        return "lineage \(lineage) serial \(serial ?? 0)"
    }
}
