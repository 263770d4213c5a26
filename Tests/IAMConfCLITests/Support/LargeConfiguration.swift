/// A configuration big enough that an apply takes a noticeable moment: users in groups with
/// attached and inline policies across two accounts (about 8 resources per user).
enum LargeConfiguration {
    static func yaml(users: Int) -> String {
        var text = """
            accounts:
              alpha:
                id: "111111111111"
                policies:
                  ReadReports:
                    document:
                      Version: "2012-10-17"
                      Statement:
                        - Effect: Allow
                          Action: ["s3:GetObject", "s3:ListBucket"]
                          Resource: "*"
                groups:

            """
        for g in 0..<10 {
            text += "      team\(g):\n        policies: [ReadReports]\n"
        }
        text += "    users:\n"
        for u in 0..<users {
            text += """
                      user\(u):
                        path: /people/
                        groups: [team\(u % 10)]
                        policies: [ReadReports]
                        inline_policies:
                          Own:
                            Version: "2012-10-17"
                            Statement:
                              - Effect: Allow
                                Action: "iam:GetUser"
                                Resource: "arn:aws:iam::111111111111:user/people/user\(u)"

                """
        }
        text += """
              beta:
                id: "222222222222"
                roles:

            """
        for r in 0..<(users / 4) {
            text += """
                      role\(r):
                        trust:
                          accounts: [alpha]
                        policies: [ReadOnlyAccess]

                """
        }
        return text
    }
}
