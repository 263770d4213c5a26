import Foundation

/// Writes a large synthetic configuration (one file per account) for the scaling measurement:
/// users in groups with attached customer policies, roles trusting other accounts by reference,
/// policies that reference roles' ARNs.
enum ConfigurationGenerator {
    static func write(to directory: URL, accounts: Int, usersPerAccount: Int, rolesPerAccount: Int, policiesPerAccount: Int) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for index in 0..<accounts {
            var text = "accounts:\n  acct\(index):\n    id: \"\(String(format: "%012d", 100_000_000_000 + index))\"\n"
            text += "    groups:\n" + (0..<10).map { "      group\($0): { policies: [ReadOnlyAccess] }\n" }.joined()
            text += "    policies:\n"
            for policy in 0..<policiesPerAccount {
                let peer = (index + 1) % accounts
                text += "      Policy\(policy):\n        description: generated policy \(policy)\n        document:\n"
                    + "          Version: \"2012-10-17\"\n          Statement:\n"
                    + "            - { Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: \"arn:aws:s3:::bucket-\(index)-\(policy)/*\" }\n"
                    + "            - { Effect: Allow, Action: sts:AssumeRole, Resource: \"${accounts.acct\(peer).roles.Role\(policy % rolesPerAccount).arn}\" }\n"
            }
            text += "    users:\n"
            for user in 0..<usersPerAccount {
                text += "      user\(user): { path: /team\(user % 7)/, groups: [group\(user % 10)], policies: [Policy\(user % policiesPerAccount)], tags: { n: \"\(user)\" } }\n"
            }
            text += "    roles:\n"
            for role in 0..<rolesPerAccount {
                text += "      Role\(role):\n        trust: { accounts: [acct\((index + 1) % accounts)], require_mfa: true }\n        policies: [Policy\(role % policiesPerAccount), AmazonS3ReadOnlyAccess]\n"
            }
            try text.write(to: directory.appendingPathComponent(String(format: "account-%02d.yaml", index)), atomically: true, encoding: .utf8)
        }
    }
}
