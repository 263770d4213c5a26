import Foundation
import IAMConfCore
import IAMConfPolicy
import Yams

/// A configuration file's name and text, for loading without touching the disk (tests, stdin).
public struct SourceFile: Sendable, Hashable {
    /// The path shown in diagnostics; `.json` and SAML files are read relative to it.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Reads a configuration (a directory of `*.yaml`/`*.yml`, or one file) into a resolved `Configuration`.
///
/// Never throws on bad input: every problem, including a missing path, comes back as a diagnostic
/// with its file:line:column, beside the best configuration that could be built.
public enum ConfigurationLoader {
    public static func load(path: String, catalog: ManagedPolicyCatalog = .shared) -> (configuration: Configuration?, diagnostics: Diagnostics) {
        let result = read(path: path, catalog: catalog, lints: false)
        return (result.configuration, result.diagnostics)
    }

    /// Reads the files of `path`, linting every policy document when `lints` is set.
    static func read(path: String, catalog: ManagedPolicyCatalog, lints: Bool) -> Loaded {
        var diagnostics = Diagnostics()
        let files = configurationFiles(at: path, diagnostics: &diagnostics)
        if files.isEmpty { return Loaded(configuration: nil, diagnostics: diagnostics, lintFindings: []) }
        var sources: [SourceFile] = []
        for file in files {
            switch SourceReader.read(file) {
            case let .success(text):
                sources.append(SourceFile(path: file, text: text))
            case let .failure(failure):
                // A file that is not UTF-8 is left out rather than read with U+FFFD in its names.
                diagnostics.append(SourceReader.diagnostic(failure, path: file, what: "configuration file", at: nil))
            }
        }
        var result = read(sources: sources, catalog: catalog, lints: lints)
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        return result
    }

    /// Loads already-read files, merged in the order given (callers pass them sorted by name).
    public static func load(sources: [SourceFile], catalog: ManagedPolicyCatalog = .shared) -> (configuration: Configuration?, diagnostics: Diagnostics) {
        let result = read(sources: sources, catalog: catalog, lints: false)
        return (result.configuration, result.diagnostics)
    }

    /// What one read of the files gives: the configuration, its problems and (when linting) the
    /// lint findings of every policy document, each at its line:column.
    struct Loaded {
        var configuration: Configuration?
        var diagnostics: Diagnostics
        var lintFindings: [PolicyFinding]
    }

    static func read(sources: [SourceFile], catalog: ManagedPolicyCatalog, lints: Bool) -> Loaded {
        var problems: [Diagnostic] = []
        var roots: [(file: String, node: Node)] = []
        var budget = 100_000
        for (source, parsed) in zip(sources, parseAll(sources)) {
            problems += parsed.diagnostics
            budget += source.text.utf8.count * 2
            if let root = parsed.root { roots.append((source.path, root)) }
        }
        var decoder = ConfigurationDecoder(symbols: SymbolTable(), catalog: catalog, nodeBudget: budget)
        decoder.lintsPolicies = lints
        let rootFields = decoder.collectSymbols(roots: roots)
        var configuration = decoder.decode(rootFields: rootFields)
        configuration.files = sources.map(\.path)
        problems += decoder.diagnostics
        problems += ConfigurationChecks(catalog: catalog).warnings(for: configuration)
        return Loaded(configuration: configuration, diagnostics: Diagnostics(withoutRepeats(problems)).sorted(), lintFindings: decoder.lintFindings)
    }

    /// A value shared by several entities (a template's, or a YAML anchor's) is read once per
    /// entity; its problem is reported once, at the line that causes it.
    static func withoutRepeats(_ problems: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<String>()
        return problems.filter { problem in
            guard let place = problem.location else { return true }
            return seen.insert("\(problem.code)\u{0}\(problem.summary)\u{0}\(place.file):\(place.line):\(place.column)").inserted
        }
    }

    /// Parses every file, in parallel when there is enough text to pay for the threads: YAML parsing
    /// is most of a large configuration's load time, and files are independent until they are merged.
    static func parseAll(_ sources: [SourceFile]) -> [(root: Node?, diagnostics: [Diagnostic])] {
        let bytes = sources.reduce(0) { $0 + $1.text.utf8.count }
        guard sources.count > 1, bytes > 256 * 1024 else {
            return sources.map { YAMLReader.parse($0.text, file: $0.path) }
        }
        return Parallel.map(count: sources.count) { index in
            YAMLReader.parse(sources[index].text, file: sources[index].path)
        }
    }

    /// The files a path stands for: itself, or the directory's `*.yaml`/`*.yml` sorted by name.
    static func configurationFiles(at path: String, diagnostics: inout Diagnostics) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if case .failure(.symlinkLoop) = SourceReader.read(path) {
                diagnostics.append(SourceReader.diagnostic(.symlinkLoop, path: path, what: "configuration", at: nil))
                return []
            }
            diagnostics.append(.error("path-not-found", "no such file or directory: '\(path)'", hint: "give a configuration directory or a .yaml file"))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            diagnostics.append(.error("unreadable-file", "cannot list the directory '\(path)'"))
            return []
        }
        let files = names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
        if files.isEmpty {
            diagnostics.append(.error("no-configuration", "no .yaml or .yml files in '\(path)'", hint: "iamconf reads every *.yaml and *.yml file of the directory"))
        }
        let prefix = path == "." ? "" : (path.hasSuffix("/") ? path : path + "/")
        return files.map { prefix + $0 }
    }
}

