extension JSONValue {
    /// Compact JSON with keys in written order, the form IAM APIs receive.
    public func compactText() -> String { text(.compact, sortingKeys: false) }

    /// Indented JSON (two spaces), for people to read and diff line by line.
    public func prettyText(sortKeys: Bool = false) -> String { text(.indented, sortingKeys: sortKeys) }

    /// Written by `JSONByteWriter`, so the text always reads back (see `JSONByteWriter.value(_:sortingKeys:)`).
    private func text(_ style: JSONByteWriter.Style, sortingKeys: Bool) -> String {
        var writer = JSONByteWriter(style: style)
        writer.value(self, sortingKeys: sortingKeys)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
