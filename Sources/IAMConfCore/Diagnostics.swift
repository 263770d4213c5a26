/// An ordered collection of problems. Loading, validating and planning return one of these beside
/// a best-effort result, so the user sees every problem at once rather than the first.
public struct Diagnostics: Sendable, Hashable, Codable, RandomAccessCollection {
    public private(set) var items: [Diagnostic]

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(position: Int) -> Diagnostic { items[position] }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: some Sequence<Diagnostic>) { items.append(contentsOf: other) }

    /// File order, then line, then column; problems without a place come last in the order found.
    public func sorted() -> Diagnostics {
        let indexed = items.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?):
                if l.file != r.file { return l.file < r.file }
                if l.line != r.line { return l.line < r.line }
                if l.column != r.column { return l.column < r.column }
                return a.offset < b.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.offset < b.offset
            }
        }
        return Diagnostics(indexed.map(\.element))
    }
}
