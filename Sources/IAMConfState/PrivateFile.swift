/// Writes a file that is as sensitive as the state (a saved plan describes the whole access setup)
/// the way the state is written: atomically, durably, owner-only (0600).
///
/// Why here: the state store's writer already gets the temp-file, `fsync`, `rename` and mode right;
/// a second writer in another module would drift from it (a plan file written 0644, a torn file
/// after a crash, a temporary left behind by a kill).
public enum PrivateFile {
    /// Replaces `path` with `bytes`; temporaries left beside it by killed processes are removed first.
    public static func write(_ bytes: [UInt8], to path: String) throws(StateError) {
        POSIXFile.removeStaleTemporaries(of: path)
        try POSIXFile.writeAtomically(bytes, to: path)
    }
}
