import IAMConfCore

/// Why a resource must be replaced (deleted and created again) rather than changed in place.
public enum ReplaceReason: Sendable, Hashable, CustomStringConvertible {
    /// These attributes changed and IAM cannot change them in place (the kind says which and why).
    case attributes([String])
    /// The resource moved to another account.
    case accountChanged
    /// The same address now names another kind of resource.
    case typeChanged
    /// It hangs off this resource, which is replaced (IAM removes attachments with their entity).
    case dependencyReplaced(Address)

    /// The text form plan files and JSON carry: the forcing attributes, `account`, `type`, or
    /// `ADDRESS is replaced`.
    public var texts: [String] {
        switch self {
        case let .attributes(names): return names
        case .accountChanged: return ["account"]
        case .typeChanged: return ["type"]
        case let .dependencyReplaced(address): return ["\(address) is replaced"]
        }
    }

    public var description: String { texts.joined(separator: ", ") }

    /// Reads the text form back; nil for an empty list.
    public init?(texts: [String]) {
        guard let first = texts.first else { return nil }
        if texts == ["account"] {
            self = .accountChanged
        } else if texts == ["type"] {
            self = .typeChanged
        } else if texts.count == 1, first.hasSuffix(" is replaced"), let address = Address(parsing: String(first.dropLast(" is replaced".count))) {
            self = .dependencyReplaced(address)
        } else {
            self = .attributes(texts)
        }
    }

    /// A sentence for the plan, or nil where the attributes' own lines say it ("forces replacement").
    var explanation: String? {
        switch self {
        case .attributes: return nil
        case .accountChanged: return "its account changed"
        case .typeChanged: return "its resource type changed"
        case let .dependencyReplaced(address): return "\(address) is replaced"
        }
    }
}
