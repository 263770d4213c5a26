/// A 1-based position in a configuration file, as libyaml (through Yams' `Mark`) reports it.
///
/// Columns count Unicode scalars. Only start positions exist: libyaml gives no end marks.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors jump to.
    public var description: String { "\(file):\(line):\(column)" }
}
