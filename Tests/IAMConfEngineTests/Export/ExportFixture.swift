import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfState
import Testing

/// A small rich setup as `apply` would leave it in the state: two accounts (one with an alias),
/// every kind, trusts across them, and the AWS-owned objects an inventory would also find.
enum ExportFixture {
    static let configuration = """
        accounts:
          prod:
            id: "111111111111"
            alias: acme-prod
            password_policy: { minimum_length: 14, require_symbols: true, max_age_days: 90 }
            policies:
              AssumeDeploy:
                path: /ops/
                description: May switch to Deploy in the CI account
                tags: { owner: platform }
                document:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: sts:AssumeRole
                      Resource: ${accounts.ci.roles.Deploy.arn}
              Boundary:
                document:
                  Version: "2012-10-17"
                  Statement: [{ Effect: Allow, Action: ["s3:*", "sts:AssumeRole"], Resource: "*" }]
            groups:
              admins:
                path: /staff/
                members: [alice]
                policies: [AssumeDeploy, ReadOnlyAccess]
                inline_policies:
                  OwnKeys:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: [iam:CreateAccessKey, iam:DeleteAccessKey]
                        Resource: arn:aws:iam::111111111111:user/*/${aws:username}
              auditors: {}
            users:
              alice:
                path: /staff/
                tags: { team: platform, "on-call": "yes", note: "reviewed: yes @ 10:00 = ok" }
                login_profile: true
                access_keys: 2
                mfa: true
                permissions_boundary: Boundary
              bob:
                groups: [auditors]
                login_profile: { password_reset_required: false }
                policies: [arn:aws:iam::aws:policy/job-function/ViewOnlyAccess]
                inline_policies:
                  ReadReports:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: ${accounts.prod.buckets.acme-reports.arn}/*
            roles:
              Admin:
                description: Administration, only with recent MFA
                max_session_duration: 7200
                trust_policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { AWS: "111111111111" }
                      Action: sts:AssumeRole
                      Condition:
                        Bool: { aws:MultiFactorAuthPresent: "true" }
                        NumericLessThan: { aws:MultiFactorAuthAge: "3600" }
                policies: [AdministratorAccess]
              WebServer:
                trust: { services: [ec2.amazonaws.com] }
                policies: [AmazonSSMManagedInstanceCore]
              Auditor:
                trust:
                  accounts: [ci, "999999999999"]
                  principals: [prod.user.alice]
                  require_mfa: true
                  external_id: audit-2026
              Mixed:
                trust:
                  accounts: [ci]
                  services: [ecs-tasks.amazonaws.com]
                  require_mfa: true
                  conditions: { StringEquals: { aws:RequestedRegion: eu-west-1 } }
              UserFirst:
                trust_policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { AWS: ["${accounts.prod.users.bob.arn}", "arn:aws:iam::222222222222:root"] }
                      Action: sts:AssumeRole
            instance_profiles:
              web: { role: WebServer, tags: { tier: web } }
            service_linked_roles:
              - service: autoscaling.amazonaws.com
            buckets:
              acme-reports:
                policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { AWS: "${accounts.ci.roles.Deploy.arn}" }
                      Action: s3:PutObject
                      Resource: arn:aws:s3:::acme-reports/*
              acme-empty: {}
          ci:
            id: "222222222222"
            identity_providers:
              github:
                type: oidc
                url: https://token.actions.githubusercontent.com
                client_ids: [sts.amazonaws.com]
                thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"]
            roles:
              Deploy:
                path: /ci/
                trust:
                  federated: github
                  conditions:
                    StringEquals: { token.actions.githubusercontent.com:aud: sts.amazonaws.com }
                policies: [ReadOnlyAccess]
              Bot:
                trust_policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: [sts:AssumeRole, sts:TagSession]
        """

    /// The configuration's resources as the state records them after an apply, plus what only an
    /// account's inventory holds (a service-linked role listed as a role, with its policy; an IAM
    /// Identity Center role; a SAML provider).
    static func appliedResources() throws -> [ResourceState] {
        let (loaded, diagnostics) = ConfigurationLoader.load(sources: [SourceFile(path: "fixture.yaml", text: configuration)])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors.map(\.summary))")
        let configuration = try #require(loaded)
        var resources = DesiredResources.from(configuration).map { resource in
            ResourceState(
                address: resource.address, type: resource.type, accountID: resource.accountID, attributes: resource.attributes,
                outputs: ["arn": "arn:aws:iam::\(resource.accountID):x/\(resource.address.name ?? "")"],
                secrets: resource.type == .accessKey ? ["secret_access_key": "SECRET"] : [:], dependencies: resource.dependencies)
        }
        let owned = Address(account: "prod", kind: .role, name: "AWSServiceRoleForSupport")
        resources.append(ResourceState(
            address: owned, type: .role, accountID: "111111111111",
            attributes: ["name": .string("AWSServiceRoleForSupport"), "path": .string("/aws-service-role/support.amazonaws.com/")]))
        resources.append(ResourceState(
            address: Address(account: "prod", kind: .role, name: "AWSServiceRoleForSupport", sub: "policy", key: "AWSSupportServiceRolePolicy"),
            type: .rolePolicyAttachment, accountID: "111111111111",
            attributes: ["role": .string("AWSServiceRoleForSupport"), "policy_arn": .string("arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy")],
            dependencies: [owned]))
        // IAM Identity Center's role: AWS-owned, and no configuration can declare it.
        resources.append(ResourceState(
            address: Address(account: "prod", kind: .role, name: "AWSReservedSSO_Admin_0123"), type: .role, accountID: "111111111111",
            attributes: ["name": .string("AWSReservedSSO_Admin_0123"), "path": .string("/aws-reserved/sso.amazonaws.com/")]))
        resources.append(ResourceState(
            address: Address(account: "ci", kind: .identityProvider, name: "corp"), type: .samlProvider, accountID: "222222222222",
            attributes: ["name": .string("corp"), "metadata": .string(samlMetadata), "tags": .object([])]))
        // An access key numbered 2 whose first was deleted: exported as the one key it is.
        if let index = resources.firstIndex(where: { $0.address.description == "prod.user.alice.access_key[1]" }) { resources.remove(at: index) }
        return resources
    }

    static let samlMetadata = "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.com\">"
        + String(repeating: "<!-- padding to IAM's minimum metadata size -->", count: 25) + "</EntityDescriptor>\n"
}
