/// The request context: condition keys and their values, looked up without regard to case.
///
/// Holds exactly what the caller supplies; the engine never invents keys (no `aws:username` from the
/// principal, no `aws:CurrentTime`), so an answer depends only on its input.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html#AccessPolicyLanguage_RequestContext
public struct RequestContext: Sendable, Hashable {
    /// The declared type of a key's values, as AWS's simulator names them.
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case string, stringList, numeric, numericList, boolean, booleanList
        case ip, ipList, binary, binaryList, date, dateList
    }

    /// One key's values, with the name as written.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var values: [String]
        public var type: ValueType?

        public init(key: String, values: [String], type: ValueType? = nil) {
            self.key = key
            self.values = values
            self.type = type
        }
    }

    private var entries: [String: Entry] = [:]

    public init(_ entries: [Entry] = []) {
        for entry in entries { self[entry.key] = entry }
    }

    /// A key's entry; names are case-insensitive (`aws:UserName` is `aws:username`).
    public subscript(key: String) -> Entry? {
        get { entries[key.lowercased()] }
        set { entries[key.lowercased()] = newValue }
    }

    /// Adds a key with its values (replacing earlier values of the same key).
    public mutating func set(_ key: String, _ values: [String], type: ValueType? = nil) {
        self[key] = Entry(key: key, values: values, type: type)
    }

    @inline(__always) func values(forLowercasedKey key: String) -> [String]? {
        entries[key]?.values
    }

    public var isEmpty: Bool { entries.isEmpty }
    /// By lower-cased name. The dictionary's keys are lower-cased already: sorting by them costs no
    /// allocation per comparison (every answer `iamconf serve` gives builds this list).
    public var allEntries: [Entry] { entries.sorted { $0.key < $1.key }.map(\.value) }
}
