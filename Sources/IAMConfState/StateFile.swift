import IAMConfCore

/// The on-disk JSON format of a `State`, versioned separately from the in-memory model.
///
/// ```json
/// {
///   "format_version": 1,
///   "iamconf_version": "0.1.0",
///   "lineage": "…uuid…",
///   "serial": 7,
///   "backend": { "kind": "endpoint", "endpoint": "http://127.0.0.1:5000" },
///   "resources": [ { "address": …, "type": …, "account_id": …, "attributes": {…},
///                    "outputs": {…}, "secrets": {…}, "dependencies": […] } ]
/// }
/// ```
/// Resources are sorted by address and map keys are sorted, so the same state always gives the same
/// bytes and a diff of two files reads like the change. Reading refuses anything it does not fully
/// understand rather than guessing, because writing back a half-read state would lose resources.
public enum StateFile {
    /// The format this build writes. Bump it with an entry in `upgrades` when the format changes.
    public static let currentFormatVersion = 1

    /// Used when the caller does not say which iamconf is writing.
    public static let defaultIAMConfVersion = "0.1.0"

    /// The file's bytes: indented JSON with a trailing newline.
    public static func encode(_ state: State, iamconfVersion: String = defaultIAMConfVersion) -> [UInt8] {
        // Sort printed addresses once: `Address.<` prints both sides on every comparison. The
        // dictionary key is the address written, so addresses in the file are always unique.
        // Dictionary indices, not a copied array of entries: copying 100k resources was a third of the time.
        let positions = Array(state.resources.indices)
        let printed = positions.map { state.resources[$0].key.description }
        let order = printed.indices.sorted { printed[$0] < printed[$1] }
        var writer = JSONByteWriter(style: .indented, capacity: 1_024)
        writer.beginObject()
        writer.key("format_version"); writer.integer(currentFormatVersion)
        writer.key("iamconf_version"); writer.string(iamconfVersion)
        writer.key("lineage"); writer.string(state.lineage)
        writer.key("serial"); writer.integer(state.serial)
        writer.key("backend")
        writer.beginObject()
        writer.key("kind"); writer.string(state.backend.kind.rawValue)
        if let endpoint = state.backend.endpoint { writer.key("endpoint"); writer.string(endpoint) }
        writer.endObject()
        writer.key("resources")
        writer.beginArray()
        // Resources are written in parallel runs: a large apply saves its state many times, and
        // encoding is most of a save.
        let runCount = min(8, max(1, order.count / 4_096))
        let runs = Parallel.map(count: runCount) { run in
            let slice = order[(order.count * run / runCount)..<(order.count * (run + 1) / runCount)]
            var part = JSONByteWriter(style: .indented, elementsAtLevel: 2, afterOthers: run > 0, capacity: slice.count * 512)
            for index in slice {
                let entry = state.resources[positions[index]]
                write(entry.value, at: entry.key, printed: printed[index], into: &part)
            }
            return part.bytes
        }
        writer.reserveCapacity(runs.reduce(1_024) { $0 + $1.count })
        for run in runs { writer.appendElements(run) }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    private static func write(
        _ resource: ResourceState, at address: Address, printed: String, into writer: inout JSONByteWriter
    ) {
        writer.beginObject()
        writer.key("address"); writeAddress(address, printed: printed, into: &writer)
        writer.key("type"); writer.string(resource.type.rawValue)
        writer.key("account_id"); writer.string(resource.accountID)
        writer.key("attributes")
        writer.beginObject()
        for name in resource.attributes.keys.sorted() {
            writer.key(name)
            writer.value(resource.attributes[name] ?? .null)
        }
        writer.endObject()
        writer.key("outputs"); writer.stringMap(resource.outputs)
        writer.key("secrets"); writer.stringMap(resource.secrets)
        writer.key("dependencies")
        writer.beginArray()
        for dependency in resource.dependencies {
            writeAddress(dependency, printed: dependency.description, into: &writer)
        }
        writer.endArray()
        writer.endObject()
    }

    /// The printed address when it parses back to the same value; otherwise (a name the printed
    /// form cannot carry unambiguously) its parts as an object, so nothing is lost either way.
    private static func writeAddress(_ address: Address, printed: String, into writer: inout JSONByteWriter) {
        if printsUnambiguously(address) || Address(parsing: printed) == address {
            writer.string(printed)
            return
        }
        writer.beginObject()
        writer.key("account"); writer.string(address.account)
        writer.key("kind"); writer.string(address.kind.rawValue)
        if let name = address.name { writer.key("name"); writer.string(name) }
        if let sub = address.sub { writer.key("sub"); writer.string(sub) }
        if let key = address.key { writer.key("key"); writer.string(key) }
        writer.endObject()
    }

    /// A cheap sufficient condition for `Address(parsing: address.description) == address`, which
    /// holds for nearly every address and saves parsing each one back on every write.
    static func printsUnambiguously(_ address: Address) -> Bool {
        func plain(_ part: String) -> Bool { !part.isEmpty && !part.utf8.contains { $0 == 0x2E || $0 == 0x5B || $0 == 0x5D } }
        guard plain(address.account) else { return false }
        switch (address.name, address.sub, address.key) {
        case (nil, nil, nil): return true
        case let (name?, nil, nil): return plain(name)
        case let (name?, sub?, key?): return plain(name) && plain(sub) && plain(key)
        default: return false
        }
    }

    /// Reads a state file's bytes. `path` only labels errors.
    ///
    /// Throws `corrupt` (with line:column), `truncated`, `newerFormat`, `unsupportedFormat`,
    /// `missingMember` or `invalidMember`; never returns a partial state.
    public static func decode(_ bytes: [UInt8], path: String) throws(StateError) -> State {
        // UTF-8 is checked first on both paths: the readers decode strings leniently.
        if isValidUTF8(bytes), let state = JSONReader.canonicalState(bytes) { return state }
        let document = try parse(bytes, path: path)
        let upgraded = try upgrade(document, path: path)
        return try StateDocumentReader(path: path).state(from: upgraded)
    }
}
