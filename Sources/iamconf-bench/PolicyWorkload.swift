import IAMConfCore
import IAMConfPolicy

/// A fixed mix of access requests for measuring the policy engine: half simple (one or two
/// statements, no conditions), half condition-heavy (several policies, every common operator,
/// policy variables, a permissions boundary, cross-account resource policies).
///
/// Built once before timing, so the measurement covers `PolicyEvaluator.evaluate` only; the
/// expected outcome of every request is known, so a wrong engine cannot look fast.
struct PolicyWorkload {
    struct Case {
        var name: String
        var isConditionHeavy: Bool
        var request: AccessRequest
        var expectAllowed: Bool
    }

    var cases: [Case] = []

    init() throws(WorkloadError) {
        let user = Principal(kind: .user, arn: "arn:aws:iam::111111111111:user/eng/alice", account: "111111111111")
        let session = Principal(
            kind: .roleSession, arn: "arn:aws:sts::222222222222:assumed-role/Deploy/ci", account: "222222222222",
            roleARN: "arn:aws:iam::222222222222:role/Deploy")
        let simple = try Self.compile(PolicyTexts.simple, "simple")
        let admin = try Self.compile(PolicyTexts.wildcard, "wildcard")
        let heavy = try Self.compile(PolicyTexts.conditionHeavy, "heavy")
        let guardrail = try Self.compile(PolicyTexts.regionGuard, "guard")
        let boundary = try Self.compile(PolicyTexts.boundary, "boundary", kind: .boundary)
        let bucket = try Self.compile(PolicyTexts.bucket, "bucket", kind: .resource)

        var good = RequestContext()
        good.set("aws:PrincipalTag/team", ["platform"])
        good.set("aws:SecureTransport", ["true"], type: .boolean)
        good.set("aws:SourceIp", ["10.1.2.3"], type: .ip)
        good.set("aws:RequestedRegion", ["us-east-1"])
        good.set("aws:CurrentTime", ["2025-06-01T12:00:00Z"], type: .date)
        good.set("aws:MultiFactorAuthAge", ["120"], type: .numeric)
        good.set("aws:username", ["alice"])
        good.set("aws:PrincipalOrgID", ["o-abc123"])
        good.set("s3:prefix", ["home/alice/reports"])
        var bad = good
        bad.set("aws:SourceIp", ["203.0.113.9"], type: .ip)
        bad.set("aws:RequestedRegion", ["ap-south-1"])

        func add(_ name: String, heavy isHeavy: Bool, _ request: AccessRequest, _ allowed: Bool) {
            cases.append(Case(name: name, isConditionHeavy: isHeavy, request: request, expectAllowed: allowed))
        }
        let object = "arn:aws:s3:::data-platform/home/alice/report.csv"
        add("simple allow", heavy: false, AccessRequest(principal: user, action: "s3:GetObject", resource: "arn:aws:s3:::logs/2025/01.gz", identityPolicies: [simple]), true)
        add("simple implicit deny", heavy: false, AccessRequest(principal: user, action: "s3:DeleteObject", resource: "arn:aws:s3:::logs/a", identityPolicies: [simple]), false)
        add("wildcard action", heavy: false, AccessRequest(principal: user, action: "ec2:DescribeInstances", resource: "*", identityPolicies: [simple, admin]), true)
        add("no policies", heavy: false, AccessRequest(principal: user, action: "iam:GetUser", resource: "arn:aws:iam::111111111111:user/eng/alice"), false)
        add("conditions allow", heavy: true, AccessRequest(principal: user, action: "s3:PutObject", resource: object, context: good, identityPolicies: [simple, heavy, guardrail], permissionsBoundaries: [boundary]), true)
        add("conditions deny ip", heavy: true, AccessRequest(principal: user, action: "s3:PutObject", resource: object, context: bad, identityPolicies: [simple, heavy, guardrail], permissionsBoundaries: [boundary]), false)
        add("boundary blocks", heavy: true, AccessRequest(principal: user, action: "dynamodb:DeleteTable", resource: "arn:aws:dynamodb:us-east-1:111111111111:table/platform-1", context: good, identityPolicies: [heavy, admin], permissionsBoundaries: [boundary]), false)
        add("cross-account bucket", heavy: true, AccessRequest(principal: session, action: "s3:GetObject", resource: "arn:aws:s3:::shared-reports/q1.csv", resourceAccount: "111111111111", context: good, identityPolicies: [simple, heavy], resourcePolicy: bucket), true)
        try verify()
    }

    private static func compile(_ text: String, _ id: String, kind: PolicyKind = .identity) throws(WorkloadError) -> CompiledPolicy {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw WorkloadError("policy \(id): \(error)") }
        let (policy, diagnostics) = CompiledPolicy.compile(json, kind: kind, id: id)
        guard let policy else { throw WorkloadError("policy \(id): \(diagnostics.map(\.summary))") }
        return policy
    }

    /// Every case must decide as designed before its speed means anything.
    private func verify() throws(WorkloadError) {
        for item in cases where PolicyEvaluator.evaluate(item.request).isAllowed != item.expectAllowed {
            throw WorkloadError("case '\(item.name)' expected \(item.expectAllowed ? "allow" : "deny")")
        }
    }
}

/// The workload could not be built: the engine rejected a document or decided a case wrongly.
struct WorkloadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
