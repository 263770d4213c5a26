import IAMConfCore
import IAMConfPolicy
import Testing

/// A caller prepared once (its policies compiled and its principal's context keys built, as
/// `iamconf serve` keeps them) answers every question exactly as an unprepared analyzer does,
/// context included, at any time.
@Suite struct PreparedCallerTests {
    static let questions = [
        AccessQuestion(principal: "source.user.alice", action: "iam:GetUser", resource: "*"),
        AccessQuestion(principal: "source.user.alice", action: "iam:GetUser", resource: "*", isMFAAuthenticated: true),
        AccessQuestion(principal: "target.role.S3Access", action: "s3:ListBucket", resource: "arn:aws:s3:::shared-reports"),
        AccessQuestion(
            principal: "source.user.alice", assume: ["target.role.S3Access"], action: "s3:GetObject",
            resource: "arn:aws:s3:::shared-reports/a.csv", isMFAAuthenticated: true),
        AccessQuestion(
            principal: "arn:aws:sts::111111111111:assumed-role/S3Access/alice", action: "s3:PutObject",
            resource: "arn:aws:s3:::shared-reports/q3.txt", context: ["aws:SourceIp": ["10.0.0.1"]], isMFAAuthenticated: true),
    ]

    @Test(arguments: questions)
    func aPreparedCallerAnswersAsAnUnpreparedOne(_ question: AccessQuestion) throws {
        let fresh = AccessFixtures.analyzer(AccessFixtures.crossAccount())
        var prepared = fresh
        prepared.prepareCaller(for: question)
        #expect(prepared.hasPreparedCaller(for: question))
        #expect(try prepared.answer(question) == fresh.answer(question))
        // Later: the time keys move, the principal's stay right.
        prepared.now = UTCTime(secondsSince1970: fresh.now.secondsSince1970 + 3600)
        var later = fresh
        later.now = prepared.now
        #expect(try prepared.answer(question) == later.answer(question))
    }
}

/// A prepared target (a role's trust policy, a bucket's policy) answers as one resolved per question.
@Suite struct PreparedTargetTests {
    static let questions = [
        AccessQuestion(
            principal: "source.user.alice", action: "sts:AssumeRole", resource: "arn:aws:iam::111111111111:role/S3Access",
            isMFAAuthenticated: true),
        AccessQuestion(principal: "source.user.alice", action: "sts:AssumeRole", resource: "arn:aws:iam::111111111111:role/S3Access"),
        AccessQuestion(principal: "source.user.alice", action: "sts:AssumeRole", resource: "arn:aws:iam::111111111111:role/Nobody"),
        AccessQuestion(principal: "target.role.S3Access", action: "s3:GetObject", resource: "arn:aws:s3:::shared-reports/a.csv"),
        AccessQuestion(principal: "target.role.S3Access", action: "s3:GetObject", resource: "arn:aws:s3:::no-such-bucket/a.csv"),
    ]

    @Test(arguments: questions)
    func aPreparedTargetAnswersAsAnUnpreparedOne(_ question: AccessQuestion) throws {
        let fresh = AccessFixtures.analyzer(AccessFixtures.crossAccount())
        var prepared = fresh
        prepared.prepareTarget(for: question)
        #expect(prepared.hasPreparedTarget(for: question))
        #expect(try prepared.answer(question) == fresh.answer(question))
        #expect(try prepared.answer(question) == fresh.answer(question))
    }
}
