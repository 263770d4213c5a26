import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfOperations
import IAMConfState
import Testing

extension EndpointTests {
    /// Objects made with boto3 behind iamconf's back, which the configuration never declared: a
    /// hand-made user and AdministratorAccess attached to a managed group, beside a service-linked
    /// role AWS made. Reported with `ownership: additive`, removed with `exclusive`.
    @Suite("Objects not in the configuration on moto", .serialized)
    struct Unmanaged {
        static let account = "666666666666"

        static func configuration(ownership: String) -> String {
            """
            accounts:
              shop:
                id: "666666666666"
                ownership: \(ownership)
                groups:
                  developers:
                    policies: [ReadOnlyAccess]
                users:
                  alice:
                    groups: [developers]

            """
        }

        static let byHand = """
            iam.create_user(UserName="mallory")
            iam.create_access_key(UserName="mallory")
            iam.add_user_to_group(GroupName="developers", UserName="mallory")
            iam.attach_group_policy(GroupName="developers", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
            iam.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com")
            """

        static func applied(ownership: String) async throws -> MotoWorkspace {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", configuration(ownership: ownership))
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")
            try moto.boto(in: account, byHand)
            return moto
        }

        @Test("additive: plan --refresh reports them, changes nothing, exits 0")
        func additiveReports() async throws {
            let moto = try await Self.applied(ownership: "additive")
            let plan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan)")
            #expect(plan.stdout.contains("Objects not in the configuration:"), "\(plan)")
            #expect(plan.stdout.contains("? user mallory [shop.user.mallory]"), "\(plan)")
            #expect(plan.stdout.contains("? policy arn:aws:iam::aws:policy/AdministratorAccess attached to group developers"), "\(plan)")
            #expect(!plan.stdout.contains("AWSServiceRole"), "\(plan)")
            #expect(!plan.stdout.contains("mallory.group"), "a hand-made user's membership goes with the user")
            let json = try moto.iamconf(["plan", "config", "--refresh", "--json"])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let objects = try #require(document["unmanaged_objects"] as? [[String: Any]])
            #expect(objects.compactMap { $0["address"] as? String } == ["shop.group.developers.policy[AdministratorAccess]", "shop.user.mallory"])
            #expect(objects.allSatisfy { $0["action"] as? String == "report" })
            let refresh = try moto.iamconf(["refresh", "config"])
            #expect(refresh.status == 0 && refresh.stdout.contains("? user mallory"), "\(refresh)")
            // Nothing was touched.
            let users = try #require(moto.inventory([Self.account])[Self.account] as? [String: Any])["users"] as? [String: Any]
            #expect(users?.keys.sorted() == ["alice", "mallory"])
        }

        @Test("exclusive: plan --refresh deletes them (not in the configuration), apply removes them, then no changes")
        func exclusiveRemoves() async throws {
            let moto = try await Self.applied(ownership: "exclusive")
            let plan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan)")
            #expect(plan.stdout.contains("# shop.user.mallory will be destroyed\n  # (because not in the configuration)"), "\(plan)")
            #expect(plan.stdout.contains("# shop.group.developers.policy[AdministratorAccess] will be destroyed"), "\(plan)")
            #expect(!plan.stdout.contains("AWSServiceRole"), "\(plan)")
            let apply = try moto.iamconf(["apply", "config", "--refresh", "--auto-approve"])
            #expect(apply.status == 0, "\(apply)")
            let after = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(after.status == 0, "\(after)")
            #expect(!after.stdout.contains("Objects not in the configuration"), "\(after)")
            let inventory = try #require(moto.inventory([Self.account])[Self.account] as? [String: Any])
            #expect((inventory["users"] as? [String: Any])?.keys.sorted() == ["alice"])
            let developers = (inventory["groups"] as? [String: Any])?["developers"] as? [String: Any]
            let attached = "\(developers?["attached"] ?? "")"
            #expect(attached.contains("ReadOnlyAccess"), "\(attached)")
            #expect(!attached.contains("AdministratorAccess"), "\(attached)")
            #expect((inventory["roles"] as? [String: Any])?.keys.contains("AWSServiceRoleForAutoScaling") == true)
        }

        /// What `iamconf export` relies on: on moto too, the inventory of an applied example is its state.
        @Test("the inventory of an applied example equals its state", arguments: ["cross-account", "github-oidc", "ec2-instance-profile"])
        func inventoryEqualsState(_ name: String) async throws {
            let moto = try await MotoWorkspace.fresh()
            let example = CLIRunner.repositoryRoot.appendingPathComponent("examples/\(name)")
            for name in try FileManager.default.contentsOfDirectory(atPath: example.path) where name.hasSuffix(".yaml") {
                try moto.temp.write("config/\(name)", String(contentsOf: example.appendingPathComponent(name), encoding: .utf8))
            }
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")
            let state = try #require(try StateStore(path: moto.temp.url.appendingPathComponent("config/iamconf.state.json").path).load())
            let workspace = Workspace(configurationPath: moto.temp.url.appendingPathComponent("config").path)
            let backend = try workspace.backendFactory.makeBackend(
                BackendConnection(descriptor: BackendDescriptor(kind: .endpoint, endpoint: moto.server.url.absoluteString)), parallelism: 4)
            var inventory: [ResourceState] = []
            let accounts = Set(state.resources.values.map { [$0.address.account, $0.accountID] })
            for account in accounts {
                inventory += try await AccountInventory(backend: backend, parallelism: 4).read(account: account[0], accountID: account[1])
            }
            // An identity provider has no name in IAM: the inventory names it by its URL's host and path.
            var applied: [Address: ResourceState] = [:]
            for (address, resource) in state.resources {
                var renamed = address
                if let arn = resource.outputs["arn"], let range = arn.range(of: ":oidc-provider/") {
                    renamed = Address(account: address.account, kind: address.kind, name: String(arn[range.upperBound...]))
                }
                applied[renamed] = resource
            }
            #expect(inventory.map(\.address).sorted() == applied.keys.sorted())
            for read in inventory {
                guard let stored = applied[read.address] else { continue }
                #expect(read.type == stored.type, "\(read.address)")
                var expected = stored.attributes
                if stored.type == .passwordPolicy { for (name, value) in expected where value == .null { expected[name] = read.attributes[name] } }
                #expect(read.attributes == expected, "\(read.address)")
                for (name, value) in read.outputs where name != "create_date" {
                    #expect(stored.outputs[name] == value, "\(read.address) \(name)")
                }
            }
        }
    }
}
