/// The kind of object one resource in a plan or the state is (`user`, `role_policy_attachment`, …),
/// spelled as the state file spells it.
///
/// A value rather than an enum of every kind: each kind declares its own in the engine's kind file,
/// beside everything else iamconf knows about it, so adding a kind touches one file and the
/// registry line. Which types a given iamconf knows is the engine's registry's answer; a state
/// naming another one is refused when it is loaded.
public struct ResourceType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
