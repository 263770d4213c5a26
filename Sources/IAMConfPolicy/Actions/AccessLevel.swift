/// The access level the Service Authorization Reference gives every action.
/// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
public enum AccessLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case list = "List"
    case read = "Read"
    case write = "Write"
    case permissionsManagement = "Permissions management"
    case tagging = "Tagging"

    /// The catalog text's one-letter code.
    init?(code: UInt8) {
        switch code {
        case UInt8(ascii: "L"): self = .list
        case UInt8(ascii: "R"): self = .read
        case UInt8(ascii: "W"): self = .write
        case UInt8(ascii: "P"): self = .permissionsManagement
        case UInt8(ascii: "T"): self = .tagging
        default: return nil
        }
    }

    /// AWS's order in its policy summaries: List, Read, Write, Permissions management, Tagging.
    public static func < (a: AccessLevel, b: AccessLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
