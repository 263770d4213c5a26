import IAMConfCore
import IAMConfBackend

/// The account alias and password policy.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
extension World.Account {
    /// 3-63 characters of lowercase letters, digits and single hyphens, not starting or ending
    /// with a hyphen. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html
    static func checkAlias(_ alias: String) throws(BackendError) {
        let scalars = Array(alias.unicodeScalars)
        let isAllowed = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard scalars.count >= 3, scalars.count <= 63, isAllowed, scalars.first != "-", scalars.last != "-",
              !alias.contains("--") else {
            throw IAMErrors.validation(
                value: alias, field: "accountAlias",
                constraint: "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$")
        }
    }

    /// An account has at most one alias; a new one replaces the old.
    mutating func createAlias(_ alias: String) -> IAMResponse {
        self.alias = alias
        return IAMResponse(name: alias)
    }

    mutating func deleteAlias(_ alias: String) throws(BackendError) -> IAMResponse {
        try Self.checkAlias(alias)
        guard self.alias == alias else {
            throw IAMErrors.noSuchEntity(message: "The account alias \(alias) cannot be found.")
        }
        self.alias = nil
        return IAMResponse()
    }

    /// Unset members take IAM's defaults (the API replaces the whole policy on every update).
    mutating func updatePasswordPolicy(_ input: PasswordPolicy) throws(BackendError) -> IAMResponse {
        try Self.checkRange(input.minimumPasswordLength, 6...128, "minimumPasswordLength")
        try Self.checkRange(input.maxPasswordAge, 1...1095, "maxPasswordAge")
        try Self.checkRange(input.passwordReusePrevention, 1...24, "passwordReusePrevention")
        var policy = StoredPasswordPolicy()
        policy.minimumPasswordLength = input.minimumPasswordLength ?? 6
        policy.requireSymbols = input.requireSymbols ?? false
        policy.requireNumbers = input.requireNumbers ?? false
        policy.requireUppercaseCharacters = input.requireUppercaseCharacters ?? false
        policy.requireLowercaseCharacters = input.requireLowercaseCharacters ?? false
        policy.allowUsersToChangePassword = input.allowUsersToChangePassword ?? false
        policy.maxPasswordAge = input.maxPasswordAge
        policy.passwordReusePrevention = input.passwordReusePrevention
        policy.hardExpiry = input.hardExpiry ?? false
        passwordPolicy = policy
        return IAMResponse()
    }

    private static func checkRange(_ value: Int?, _ range: ClosedRange<Int>, _ field: String) throws(BackendError) {
        guard let value, !range.contains(value) else { return }
        let constraint = value < range.lowerBound
            ? "Member must have value greater than or equal to \(range.lowerBound)"
            : "Member must have value less than or equal to \(range.upperBound)"
        throw IAMErrors.validation(value: String(value), field: field, constraint: constraint)
    }

    mutating func deletePasswordPolicy() throws(BackendError) -> IAMResponse {
        guard passwordPolicy != nil else {
            throw IAMErrors.noSuchEntity(message: "The Password Policy with domain name \(id) cannot be found.")
        }
        passwordPolicy = nil
        return IAMResponse()
    }
}
