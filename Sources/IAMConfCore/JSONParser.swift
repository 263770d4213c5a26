/// A strict JSON reader that keeps key order and number spelling and reports where it failed.
///
/// Foundation's `JSONSerialization` reorders keys and rewrites numbers, which would make policy
/// documents read back differently from how they were written.
public enum JSONParser {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// 1-based line and column (in Unicode scalars) of the offending character.
        public var line: Int
        public var column: Int
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Parses one complete JSON text. Duplicate keys in an object are an error, since IAM rejects them.
    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        let bytes = Array(text.utf8)
        switch JSONReader.parse(bytes) {
        case let .success(value):
            return value
        case let .failure(failure):
            let (line, column) = JSONReader.lineAndColumn(of: failure.offset, in: bytes)
            throw Failure(message: failure.message, line: line, column: column)
        }
    }
}
