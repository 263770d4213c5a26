/// Whether one resource pattern covers another (`arn:aws:s3:::*` covers `arn:aws:s3:::reports/*`):
/// the narrower pattern's text, read as a resource, matches the broader pattern.
///
/// The engine's own resource matching decides it, so "covers" means what a policy would mean.
/// A reference type so the compiled patterns are shared by everyone asking during one computation;
/// not shared across tasks.
final class ResourceCoverage {
    private var globs: [String: Glob] = [:]

    func covers(_ broad: String, _ narrow: String) -> Bool {
        if broad == narrow || broad == "*" { return true }
        if narrow == "*" { return false }
        let glob: Glob
        if let known = globs[broad] {
            glob = known
        } else {
            glob = Glob(broad, caseInsensitive: false)
            globs[broad] = glob
        }
        return narrow.withUTF8Bytes { bytes in glob.matchesResource(bytes, colons: ARNColons(bytes)) }
    }
}
