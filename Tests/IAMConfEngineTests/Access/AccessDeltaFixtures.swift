import IAMConfConfig
import IAMConfCore
import IAMConfState

@testable import IAMConfEngine

/// A small setup and edits of it, each one access change a reviewer should see in the plan.
enum AccessDeltaFixtures {
    /// Account main has alice, bob (no groups), carol (an administrator), the analysts group, a
    /// Deploy role that account partner may assume with MFA, and a reports bucket partner may read.
    static let base = """
        accounts:
          main:
            id: "111111111111"
            policies:
              ReportsRead:
                document:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: ["s3:GetObject", "s3:ListBucket"]
                      Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
              DevBoundary:
                document:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: ["s3:*", "logs:*"]
                      Resource: "*"
            groups:
              analysts:
                policies: [ReportsRead]
            users:
              alice: {}
              bob: {}
              carol:
                policies: [AdministratorAccess]
            roles:
              Deploy:
                trust: { accounts: [partner], require_mfa: true }
                inline_policies:
                  Publish:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: s3:PutObject
                        Resource: arn:aws:s3:::reports/releases/*
            buckets:
              reports:
                policy:
                  Version: "2012-10-17"
                  Statement:
                    - Sid: PartnerRead
                      Effect: Allow
                      Principal: { AWS: "arn:aws:iam::222222222222:root" }
                      Action: s3:GetObject
                      Resource: arn:aws:s3:::reports/*
          partner:
            id: "222222222222"
        """

    /// The five edits, by golden file name.
    static let edits: [(name: String, from: String, to: String)] = [
        ("attach-managed-policy", "      alice: {}", "      alice: { policies: [AmazonS3ReadOnlyAccess] }"),
        ("add-to-group", "      bob: {}", "      bob: { groups: [analysts] }"),
        ("widen-trust", "trust: { accounts: [partner], require_mfa: true }", #"trust: { accounts: [partner, "333333333333"] }"#),
        ("add-boundary", "        policies: [AdministratorAccess]", "        policies: [AdministratorAccess]\n        permissions_boundary: DevBoundary"),
        ("change-bucket-policy", """
                          Action: s3:GetObject
                          Resource: arn:aws:s3:::reports/*
            """, """
                          Action: ["s3:GetObject", "s3:PutObject"]
                          Resource: arn:aws:s3:::reports/*
                        - Sid: TLSOnly
                          Effect: Deny
                          Principal: "*"
                          Action: "s3:*"
                          Resource: arn:aws:s3:::reports/*
                          Condition: { Bool: { "aws:SecureTransport": "false" } }
            """),
    ]

    static func configuration(_ text: String) -> Configuration {
        let (configuration, diagnostics) = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)])
        guard let configuration, !diagnostics.hasErrors else { preconditionFailure("bad fixture: \(diagnostics)") }
        return configuration
    }

    /// The state an apply of `text` leaves (attributes as planned, no outputs).
    static func state(_ text: String) -> State {
        var resources: [Address: ResourceState] = [:]
        for resource in DesiredResources.from(configuration(text)) {
            resources[resource.address] = ResourceState(
                address: resource.address, type: resource.type, accountID: resource.accountID, attributes: resource.attributes,
                dependencies: resource.dependencies)
        }
        return State(lineage: "00000000-0000-4000-8000-000000000011", serial: 3, resources: resources)
    }

    /// The plan from `base` to `changed`, with its access changes, as `iamconf plan` makes it.
    static func plan(from base: String, to changed: String) -> Plan {
        let prior = state(base)
        var plan = Planner().plan(desired: DesiredResources.from(configuration(changed)), prior: prior, backend: .simulator)
        plan.accessChanges = PlanAccess.changes(of: plan, prior: prior, accountNames: ["111111111111": "main", "222222222222": "partner"])
        return plan
    }

    static func edited(_ edit: (name: String, from: String, to: String)) -> String {
        precondition(base.contains(edit.from), "edit \(edit.name) does not apply")
        return base.replacingOccurrences(of: edit.from, with: edit.to)
    }
}
