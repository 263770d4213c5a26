import Foundation
import IAMConfBackend
import IAMConfEngine
import IAMConfSimulator
import Testing

@Suite struct IdentifierTests {
    @Test(arguments: [("AIDA", "user"), ("AGPA", "group"), ("AROA", "role"), ("ANPA", "policy"), ("AIPA", "instance-profile")])
    func uniqueIDsHaveIAMPrefixesAndShape(prefix: String, kind: String) async throws {
        let simulator = try makeSimulator()
        let response: IAMResponse
        switch kind {
        case "user": response = try await simulator.createUser("u")
        case "group": response = try await simulator.run(.createGroup(name: "g", path: "/"))
        case "role": response = try await simulator.createRole("r")
        case "policy": response = try await simulator.run(.createPolicy(name: "p", path: "/", description: nil, document: allowRead, tags: []))
        default: response = try await simulator.run(.createInstanceProfile(name: "i", path: "/", tags: []))
        }
        let id = try #require(response.uniqueID)
        #expect(id.hasPrefix(prefix))
        #expect(id.count == 21)
        #expect(id.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
    }

    @Test func accessKeysAreAKIAPlus16AndSecrets40() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("k")
        let key = try await simulator.run(.createAccessKey(userName: "k"))
        #expect(key.accessKeyID?.hasPrefix("AKIA") == true)
        #expect(key.accessKeyID?.count == 20)
        #expect(key.secretAccessKey?.count == 40)
    }

    @Test func arnsCarryPathAndName() async throws {
        let simulator = try makeSimulator()
        #expect(try await simulator.createUser("alice", path: "/eng/team/").arn == "arn:aws:iam::111111111111:user/eng/team/alice")
        let group = try await simulator.run(.createGroup(name: "devs", path: "/"))
        #expect(group.arn == "arn:aws:iam::111111111111:group/devs")
        let policy = try await simulator.run(.createPolicy(name: "P", path: "/x/", description: nil, document: allowRead, tags: []))
        #expect(policy.arn == "arn:aws:iam::111111111111:policy/x/P")
        let oidc = try await simulator.run(.createOpenIDConnectProvider(
            url: "https://token.actions.githubusercontent.com/", clientIDs: ["sts.amazonaws.com"], thumbprints: [], tags: []))
        #expect(oidc.arn == "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com")
        let slr = try await simulator.run(.createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: nil, description: nil))
        #expect(slr.arn == "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
        #expect(slr.name == "AWSServiceRoleForAutoScaling")
    }

    @Test func sameSeedAndClockGiveTheSameWorld() async throws {
        func build() async throws -> (World, [String?]) {
            let simulator = try makeSimulator(seed: 9)
            var outputs: [String?] = []
            outputs.append(try await simulator.createUser("a").uniqueID)
            outputs.append(try await simulator.createRole("r").uniqueID)
            try await simulator.createUser("b")
            outputs.append(try await simulator.run(.createAccessKey(userName: "b")).secretAccessKey)
            outputs.append(try await simulator.run(.createLoginProfile(userName: "b", passwordResetRequired: true)).password)
            return (await simulator.snapshot, outputs)
        }
        let first = try await build()
        let second = try await build()
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
        #expect(first.0.account(account)?.user(named: "a")?.createDate == fixedDate)
        let other = try makeSimulator(seed: 10)
        #expect(try await other.createUser("a").uniqueID != first.1[0])
    }

    @Test func randomGeneratorDoesNotRepeat() {
        var generator = IDGenerator.random
        let ids = (0..<1000).map { _ in generator.uniqueID(prefix: "AIDA") }
        #expect(Set(ids).count == 1000)
    }

    @Test func generatedPasswordMeetsThePasswordPolicy() async throws {
        let simulator = try makeSimulator()
        var policy = PasswordPolicyInput.strict
        policy.minimumPasswordLength = 32
        try await simulator.run(.updateAccountPasswordPolicy(policy))
        try await simulator.createUser("p")
        let password = try #require(try await simulator.run(.createLoginProfile(userName: "p", passwordResetRequired: true)).password)
        #expect(password.count >= 32)
        #expect(password.contains { $0.isUppercase } && password.contains { $0.isLowercase })
        #expect(password.contains { $0.isNumber } && password.contains { !$0.isLetter && !$0.isNumber })
    }
}

/// Ids and keys take several characters from each random word; every character must still be
/// drawn from the whole alphabet, for the system generator as for the seeded one.
@Suite struct IdentifierAlphabetTests {
    @Test(arguments: [IDGenerator.random, IDGenerator.seeded(7)])
    func charactersCoverTheAlphabet(_ start: IDGenerator) {
        var generator = start
        var idCharacters = Set<Character>()
        var secretCharacters = Set<Character>()
        for _ in 0..<400 {
            let id = generator.uniqueID(prefix: "AIDA")
            #expect(id.count == 21)
            idCharacters.formUnion(id.dropFirst(4))
            let secret = generator.secretAccessKey()
            #expect(secret.count == 40)
            secretCharacters.formUnion(secret)
        }
        #expect(idCharacters == Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))
        #expect(secretCharacters == Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"))
        var ids = Set<String>()
        for _ in 0..<2_000 { ids.insert(generator.uniqueID(prefix: "AROA")) }
        #expect(ids.count == 2_000)
    }
}
