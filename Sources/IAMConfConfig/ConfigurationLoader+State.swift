import Foundation
import IAMConfCore
import IAMConfPolicy
import Yams

extension ConfigurationLoader {
    /// The configuration's `state:` block alone, read before the state (which it locates) and so
    /// before the whole configuration: only files with a top-level `state:` line are parsed, and
    /// only that block is decoded. Problems inside it come back with their file:line:column.
    public static func stateSettings(at path: String) -> (settings: StateSettings?, diagnostics: Diagnostics) {
        var ignored = Diagnostics()
        var sources: [SourceFile] = []
        for file in configurationFiles(at: path, diagnostics: &ignored) {
            guard case let .success(text) = SourceReader.read(file), declaresState(text) else { continue }
            sources.append(SourceFile(path: file, text: text))
        }
        guard !sources.isEmpty else { return (nil, Diagnostics()) }
        var problems: [Diagnostic] = []
        var roots: [(file: String, node: Node)] = []
        for (source, parsed) in zip(sources, parseAll(sources)) {
            problems += parsed.diagnostics
            if let root = parsed.root { roots.append((source.path, root)) }
        }
        var decoder = ConfigurationDecoder(symbols: SymbolTable(), catalog: .shared, nodeBudget: 100_000 + sources.reduce(0) { $0 + $1.text.utf8.count * 2 })
        let rootFields = decoder.collectSymbols(roots: roots)
        let before = decoder.diagnostics.count
        let settings = decoder.decodeState(rootFields)
        problems += decoder.diagnostics.dropFirst(before)
        return (settings, Diagnostics(problems))
    }

    /// Whether a line of `text` starts with the key `state:` (a top-level key starts at column 1).
    static func declaresState(_ text: String) -> Bool {
        text.hasPrefix("state:") || text.contains("\nstate:") || text.contains("\n\"state\":") || text.hasPrefix("\"state\":")
    }
}
