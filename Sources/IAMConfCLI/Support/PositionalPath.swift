import Foundation

/// Commands whose other positional arguments are addresses (`output`, `state rm`) take the
/// configuration PATH among them, as `state list` and `plan` take it: the argument that names a
/// file or directory on disk is the PATH. An address never names one (`target.role.S3Access`
/// is not a file in a configuration directory), so the two cannot be confused in practice.
enum PositionalPath {
    /// The PATH among `arguments` (nil when none names something on disk) and the other arguments in order.
    static func split(_ arguments: [String]) throws -> (path: String?, rest: [String]) {
        let paths = arguments.filter { FileManager.default.fileExists(atPath: $0) }
        guard paths.count <= 1 else {
            throw CLIError(
                "more than one argument names a file or directory: \(paths.joined(separator: ", "))",
                hint: "give one configuration PATH; the other arguments are resource addresses")
        }
        guard let path = paths.first, let index = arguments.firstIndex(of: path) else { return (nil, arguments) }
        var rest = arguments
        rest.remove(at: index)
        return (path, rest)
    }
}
