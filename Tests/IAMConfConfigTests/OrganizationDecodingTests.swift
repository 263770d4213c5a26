@testable import IAMConfConfig
import IAMConfCore
import Testing

/// `organization:`: units, placements and SCP attachments, with every problem at its line:column.
@Suite struct OrganizationDecodingTests {
    static let accounts = """
        accounts:
          management: {id: "111111111111"}
          workload: {id: "222222222222"}
          sandbox: {id: "333333333333"}

        """

    static func load(_ organization: String) -> (configuration: Configuration?, diagnostics: Diagnostics) {
        ConfigurationLoader.load(sources: [SourceFile(path: "org.yaml", text: accounts + organization)])
    }

    /// `line:column:code` of each error, lines counted in the whole file (the accounts take 4).
    static func errors(_ diagnostics: Diagnostics) -> [String] {
        diagnostics.errors.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0):\($0.code)" }
    }

    @Test func aWholeOrganizationDecodes() throws {
        let (configuration, diagnostics) = Self.load("""
            organization:
              management_account: management
              policies:
                DenyLeaving:
                  description: members stay
                  document:
                    Version: "2012-10-17"
                    Statement: [{Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*"}]
                OnlyS3:
                  document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
              root: {policies: [DenyLeaving]}
              accounts: [sandbox]
              units:
                Workloads:
                  units:
                    Prod:
                      accounts:
                        workload: {policies: [OnlyS3], full_aws_access: false}

            """)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.summary))")
        let organization = try #require(configuration?.organization)
        #expect(organization.managementAccount == "management")
        #expect(organization.policies.map(\.name) == ["DenyLeaving", "OnlyS3"])
        #expect(organization.rootPolicies == ["FullAWSAccess", "DenyLeaving"])
        #expect(organization.units.map(\.path) == [["Workloads"], ["Workloads", "Prod"]])
        #expect(organization.units.allSatisfy { $0.policies == ["FullAWSAccess"] })
        #expect(organization.placement(ofAccount: "workload")?.unitPath == ["Workloads", "Prod"])
        #expect(organization.placement(ofAccount: "workload")?.policies == ["OnlyS3"])
        #expect(organization.placement(ofAccount: "sandbox")?.unitPath == [])
        #expect(organization.placement(ofAccount: "management")?.unitPath == [], "the management account sits under the root")
        let levels = try #require(organization.serviceControlLevels(forAccount: "workload"))
        #expect(levels.map(\.target.description) == ["root", "ou/Workloads", "ou/Workloads/Prod", "account/workload"])
        #expect(organization.serviceControlLevels(forAccount: "management") == nil, "SCPs never restrict the management account")
    }

    @Test func unknownAccountsAndPoliciesArePlaced() {
        let (_, diagnostics) = Self.load("""
            organization:
              management_account: managment
              accounts: [sandbx]
              units:
                Dev: {policies: [DenyAll]}

            """)
        let errors = Self.errors(diagnostics)
        #expect(errors.contains("6:23:unknown-account"), "\(errors)")
        #expect(errors.contains("7:14:unknown-account"), "\(errors)")
        #expect(errors.contains("9:22:unknown-service-control-policy"), "\(errors)")
        #expect(diagnostics.errors.first { $0.code == "unknown-account" }?.hint == "did you mean 'management'?")
    }

    @Test func anAccountInTwoPlacesIsRefused() {
        let (_, diagnostics) = Self.load("""
            organization:
              management_account: management
              accounts: [sandbox]
              units:
                Dev: {accounts: [sandbox]}

            """)
        let error = diagnostics.errors.first { $0.code == "account-placed-twice" }
        #expect(error?.location?.line == 9 && error?.location?.column == 22, "\(Self.errors(diagnostics))")
        #expect(error?.summary.contains("directly under the root (org.yaml:7)") == true, "\(error?.summary ?? "")")
    }

    @Test func anSCPWithAPrincipalIsRefused() {
        let (_, diagnostics) = Self.load("""
            organization:
              management_account: management
              policies:
                Bad:
                  document:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Deny
                        Principal: "*"
                        Action: "s3:*"
                        Resource: "*"

            """)
        let error = diagnostics.errors.first { $0.code == "policy-principal-not-allowed" }
        #expect(error?.location?.line == 13, "\(Self.errors(diagnostics))")
        #expect(error?.address == "organization.policy.Bad")
    }

    @Test func anSCPOverTheSizeQuotaIsRefused() {
        let actions = (0..<400).map { "\"s3:GetObjectVersion\($0)\"" }.joined(separator: ", ")
        let (_, diagnostics) = Self.load("""
            organization:
              management_account: management
              policies:
                Huge:
                  document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: [\(actions)], Resource: "*"}]}

            """)
        #expect(diagnostics.errors.contains { $0.summary.contains("5120") || $0.summary.contains("5,120") }, "\(diagnostics.map(\.summary))")
    }

    @Test func unitsNestAtMostFiveDeepAndUnknownKeysAreNamed() {
        let (_, diagnostics) = Self.load("""
            organization:
              management_account: management
              units:
                L1: {units: {L2: {units: {L3: {units: {L4: {units: {L5: {units: {L6: {accounts: [sandbox]}}}}}}}}}}}
              colour: blue

            """)
        let errors = Self.errors(diagnostics)
        #expect(errors.contains { $0.hasSuffix(":too-deep") && $0.hasPrefix("8:") }, "\(errors)")
        #expect(errors.contains("9:3:unknown-key"), "\(errors)")
        #expect(diagnostics.errors.first { $0.code == "too-deep" }?.summary.contains("L1/L2/L3/L4/L5/L6") == true)
    }

    @Test func fullAWSAccessRulesAndTheQuota() {
        let (_, diagnostics) = Self.load("""
            organization:
              management_account: management
              policies:
                A: {document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "ec2:*", Resource: "*"}]}}
                B: {document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "sqs:*", Resource: "*"}]}}
                C: {document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "sns:*", Resource: "*"}]}}
                D: {document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "kms:*", Resource: "*"}]}}
                E: {document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "lambda:*", Resource: "*"}]}}
                FullAWSAccess: {document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}
              root: {policies: [A, B, C, D, E]}
              units:
                Empty: {full_aws_access: false}

            """)
        let errors = Self.errors(diagnostics)
        #expect(errors.count == 3, "nothing else: \(errors)")
        #expect(errors.contains("13:5:reserved-name"), "\(errors)")
        #expect(errors.contains("14:20:too-many-service-control-policies"), "six with FullAWSAccess: \(errors)")
        #expect(errors.contains("16:30:no-service-control-policy"), "\(errors)")
    }
}
