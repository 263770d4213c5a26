import Foundation
import IAMConfBackend

/// Finds AWS credentials the way the AWS CLI and SDKs do, minus the exotic providers.
///
/// Order (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html):
/// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, then the profile
/// `AWS_PROFILE` (default `default`) in `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`).
/// SSO, process credentials and instance metadata are not consulted.
public enum CredentialsResolver {
    /// The credentials found, or `nil` when there are none at all. A half-configured source (a key
    /// id without its secret, a named profile that does not exist) is an error, not a silent skip.
    public static func resolve(environment: [String: String]) throws(BackendError) -> AWSCredentials? {
        if let fromEnvironment = try fromEnvironment(environment) { return fromEnvironment }
        let explicitProfile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        let profile = explicitProfile ?? "default"
        let path = credentialsFilePath(environment)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if let explicitProfile {
                throw missing("profile '\(explicitProfile)' not found: cannot read \(path)")
            }
            return nil
        }
        guard let section = parseINI(text)[profile] else {
            if let explicitProfile { throw missing("profile '\(explicitProfile)' not found in \(path)") }
            return nil
        }
        guard let keyID = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] else {
            throw missing("profile '\(profile)' in \(path) lacks aws_access_key_id or aws_secret_access_key")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: section["aws_session_token"])
    }

    static func fromEnvironment(_ environment: [String: String]) throws(BackendError) -> AWSCredentials? {
        let keyID = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (keyID, secret) {
        case let (keyID?, secret?):
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token)
        case (nil, nil):
            return nil
        default:
            throw missing("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together")
        }
    }

    static func credentialsFilePath(_ environment: [String: String]) -> String {
        if let path = environment["AWS_SHARED_CREDENTIALS_FILE"], !path.isEmpty {
            return (path as NSString).expandingTildeInPath
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.aws/credentials"
    }

    /// `[section]` headers and `key = value` lines; `#` and `;` start comments.
    static func parseINI(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[current, default: [:]][key] = value
        }
        return sections
    }

    static func missing(_ message: String) -> BackendError {
        BackendError(.other, message, rawCode: "MissingCredentials")
    }
}
