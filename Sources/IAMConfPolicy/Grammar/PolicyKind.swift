/// Where a policy document is used, which decides the grammar it must follow.
///
/// IAM accepts different elements per use: a role trust policy must name a `Principal` and must not
/// have a `Resource`; identity policies must not name a `Principal` at all.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
public enum PolicyKind: String, Sendable, Hashable, CaseIterable {
    /// An inline or managed policy attached to a user, group or role.
    case identity
    /// A role trust policy (the role's resource-based policy for `sts:AssumeRole*`).
    case trust
    /// A resource-based policy such as a bucket policy.
    case resource
    /// A managed policy used as a permissions boundary.
    case boundary
    /// A policy passed when a session is created (`AssumeRole`'s `Policy`).
    case sessionPolicy
    /// An AWS Organizations service control policy.
    case scp

    /// Whether statements must (true) or must not (false) carry `Principal`/`NotPrincipal`.
    public var requiresPrincipal: Bool { self == .trust || self == .resource }

    /// Whether statements must carry `Resource`/`NotResource` (trust policies must not).
    public var requiresResource: Bool { self != .trust }

    /// Whether `Sid` may hold only ASCII letters and digits: true for the documents IAM (and STS,
    /// Organizations) validate; false for resource-based policies (bucket, key, queue policies),
    /// whose services accept other characters such as spaces.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
    public var restrictsSidToLettersAndDigits: Bool { self != .resource }
}
