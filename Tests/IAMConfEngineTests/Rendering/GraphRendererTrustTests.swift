import IAMConfCore
import IAMConfPolicy
import Testing

@testable import IAMConfEngine

/// `graph` draws who can assume which role, apart from the dependency edges.
@Suite struct GraphRendererTrustTests {
    static func json(_ text: String) -> PolicySource { PolicySource(document: (try? JSONParser.parse(text)) ?? .null) }

    /// alice may assume Ops (same account, named by the trust policy), EC2 may assume Web, and an
    /// account outside the configuration may assume Ops with MFA.
    static var configuration: Configuration {
        var main = Account(name: "main", id: "123456789012")
        main.users = [User(name: "alice")]
        main.roles = [
            Role(name: "Ops", trustPolicy: json(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"999999999999"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#)),
            Role(name: "Web", trustPolicy: json(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)),
        ]
        return Configuration(accounts: [main])
    }

    @Test func trustEdgesAreBoldBlueAndPrincipalsOutsideTheGraphAreEllipses() {
        let graph = TrustGraph(analyzer: AccessAnalyzer(configuration: Self.configuration, now: UTCTime(secondsSince1970: 0)))
        let dot = GraphRenderer.dot(resources: [], trustEdges: graph.edges)
        #expect(dot == """
            digraph iamconf {
              compound = "true";
              newrank = "true";
              rankdir = "RL";
              node [shape = "box"];
              "arn:aws:iam::999999999999:root" [label = "arn:aws:iam::999999999999:root\\naccount outside the configuration", shape = "ellipse"];
              "ec2.amazonaws.com" [label = "ec2.amazonaws.com\\nAWS service", shape = "ellipse"];
              "main.role.Ops" [label = "main.role.Ops\\nrole", shape = "ellipse"];
              "main.role.Web" [label = "main.role.Web\\nrole", shape = "ellipse"];
              "main.user.alice" [label = "main.user.alice\\nuser", shape = "ellipse"];
              "arn:aws:iam::999999999999:root" -> "main.role.Ops" [color = "blue", fontcolor = "blue", style = "bold", label = "can assume (conditional)"];
              "ec2.amazonaws.com" -> "main.role.Web" [color = "blue", fontcolor = "blue", style = "bold", label = "can assume"];
              "main.user.alice" -> "main.role.Ops" [color = "blue", fontcolor = "blue", style = "bold", label = "can assume"];
            }

            """)
    }

    @Test func anIdentityProviderIsDrawnAssumingTheRoleThatTrustsIt() {
        var ci = Account(name: "ci", id: "333333333333")
        ci.identityProviders = [IdentityProvider(
            name: "github", kind: .oidc(url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"], thumbprints: []))]
        ci.roles = [Role(name: "Deploy", trustPolicy: Self.json(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}"#))]
        let graph = TrustGraph(analyzer: AccessAnalyzer(configuration: Configuration(accounts: [ci]), now: UTCTime(secondsSince1970: 0)))
        let dot = GraphRenderer.dot(resources: [], trustEdges: graph.edges)
        #expect(dot.contains(#"-> "ci.role.Deploy" [color = "blue", fontcolor = "blue", style = "bold", label = "can assume (conditional)"];"#), "\(dot)")
        #expect(dot.contains("identity provider"), "\(dot)")
    }

    @Test func dependencyEdgesKeepTheirStyle() {
        let graph = TrustGraph(analyzer: AccessAnalyzer(configuration: Self.configuration, now: UTCTime(secondsSince1970: 0)))
        let withTrust = GraphRenderer.dot(resources: PlanFixtures.desired, trustEdges: graph.edges)
        let without = GraphRenderer.dot(resources: PlanFixtures.desired)
        #expect(withTrust.contains("  \"target.role.S3Access.policy[AmazonS3FullAccess]\" -> \"target.role.S3Access\";\n"))
        #expect(without.split(separator: "\n").allSatisfy { withTrust.contains($0) })
    }
}
