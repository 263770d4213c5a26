import IAMConfCore

/// The resource side of a question, resolved and compiled once per analyzer (a role's trust policy
/// for `sts:AssumeRole`, a bucket's policy for S3), as `prepareCaller` does for the caller's side:
/// a server asking many questions of one configuration compiles each document once.
extension AccessAnalyzer {
    /// What decides a target: a role (by its ARN as asked) for the trust actions, a bucket (by name)
    /// for S3. Other resources have no resource-based policy here and need no key.
    struct TargetCacheKey: Hashable, Sendable {
        enum Kind: Hashable, Sendable { case trust, bucket }
        var kind: Kind
        var name: String

        init?(action: String, arn: ARN) {
            if AccessAnalyzer.isAssumeRole(action) || AccessAnalyzer.isSessionPermission(action), arn.service == "iam",
                arn.resource.hasPrefix("role/")
            {
                (kind, name) = (.trust, arn.description)
            } else if arn.service == "s3", arn.account.isEmpty {
                (kind, name) = (.bucket, String(arn.resource.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""))
            } else {
                return nil
            }
        }
    }

    /// A resolved target and the notes resolving it wrote (replayed into each answer).
    struct PreparedTarget: Sendable {
        var target: ResourceTarget
        var notes: [String]
    }

    /// Resolves and compiles the target of `question`'s last request now, so later answers reuse it.
    public mutating func prepareTarget(for question: AccessQuestion) {
        guard let arn = ARN(question.resource), let key = TargetCacheKey(action: question.action, arn: arn),
            preparedTargets[key] == nil
        else { return }
        var notes: [String] = []
        let target = resolveTarget(action: question.action, resource: question.resource, arn: arn, notes: &notes)
        if preparedTargets.count >= Self.preparedCallerLimit { preparedTargets.removeAll() }
        preparedTargets[key] = PreparedTarget(target: target, notes: notes)
    }

    /// Whether `question`'s target is prepared, or needs no preparing.
    public func hasPreparedTarget(for question: AccessQuestion) -> Bool {
        guard let arn = ARN(question.resource), let key = TargetCacheKey(action: question.action, arn: arn) else { return true }
        return preparedTargets[key] != nil
    }
}
