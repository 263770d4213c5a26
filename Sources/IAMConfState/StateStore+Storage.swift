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
}
