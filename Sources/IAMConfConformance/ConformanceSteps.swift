import IAMConfCore
import IAMConfBackend

/// Short spellings for the steps most cases need; names are run-unique via `ConformanceContext.name`.
extension ConformanceStep {
    static func createUser(_ base: String, path: String = "/", tags: [Tag] = [], boundary: String? = nil) -> ConformanceStep {
        .ok { c in .createUser(name: c.name(base), path: path, tags: tags, permissionsBoundary: boundary) }
    }

    static func deleteUser(_ base: String) -> ConformanceStep { .cleanup { c in .deleteUser(name: c.name(base)) } }

    static func createGroup(_ base: String, path: String = "/") -> ConformanceStep {
        .ok { c in .createGroup(name: c.name(base), path: path) }
    }

    static func deleteGroup(_ base: String) -> ConformanceStep { .cleanup { c in .deleteGroup(name: c.name(base)) } }

    static func createRole(_ base: String, path: String = "/", trust: String = ConformanceDocuments.trustEC2) -> ConformanceStep {
        .ok { c in
            .createRole(
                name: c.name(base), path: path, trustPolicy: trust, description: nil, maxSessionDuration: 3600, tags: [],
                permissionsBoundary: nil)
        }
    }

    static func deleteRole(_ base: String) -> ConformanceStep { .cleanup { c in .deleteRole(name: c.name(base)) } }

    static func createPolicy(_ base: String, path: String = "/", document: String = ConformanceDocuments.allowS3Read) -> ConformanceStep {
        .ok { c in .createPolicy(name: c.name(base), path: path, description: nil, document: document, tags: []) }
    }

    static func deletePolicy(_ base: String, path: String = "/") -> ConformanceStep {
        .cleanup { c in .deletePolicy(arn: c.policyARN(base, path: path)) }
    }
}
