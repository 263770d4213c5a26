import IAMConfCore

extension StateStore: StateStorage {
    public var location: String { path }
    public var lockLocation: String { lockPath }
    public var backupLocation: String { backupPath }

    public func unlock(_ lock: StateLock) throws(StateError) {
        try lock.unlock()
    }

    public func keepSecret(_ resource: ResourceState, lineage: String, backend: BackendDescriptor) throws(StateError) {
        try journal.append(resource, lineage: lineage, backend: backend)
    }

    public func readIntent() -> IntentJournal { IntentJournal.read(intentPath) }

    public func writeIntent(_ journal: IntentJournal) throws(StateError) {
        try journal.write(to: intentPath)
    }

    public func storedBytes() throws(StateError) -> [UInt8]? {
        try POSIXFile.read(path)
    }

    public func replaceStoredBytes(_ bytes: [UInt8]) throws(StateError) {
        let incoming = try StateFile.decode(bytes, path: "the state being migrated")
        try withMutex { () throws(StateError) -> Void in
            if let existing = try POSIXFile.read(path) {
                try StateStorageRules.checkReplaceable(try StateFile.decode(existing, path: path), by: incoming, at: path)
                try POSIXFile.writeAtomically(existing, to: backupPath)
            }
            try POSIXFile.writeAtomically(bytes, to: path)
        }
    }
}

/// The rule every store applies before `replaceStoredBytes`.
enum StateStorageRules {
    static func checkReplaceable(_ existing: State, by incoming: State, at location: String) throws(StateError) {
        guard existing.lineage == incoming.lineage else {
            throw StateError(
                .lineageMismatch,
                "\(location) already holds a state of another lineage (\(existing.lineage), not \(incoming.lineage)); not overwriting it",
                hint: "migrate to an empty location, or move that state away if it is really not needed", path: location)
        }
        guard existing.serial <= incoming.serial else {
            throw StateError(
                .changedExternally,
                "\(location) holds a newer version of this state (serial \(existing.serial), migrating serial \(incoming.serial)); not overwriting it",
                hint: "migrate from the newer one instead", path: location)
        }
    }
}
