import IAMConfCore

/// IAM's size measure for policy documents and the quotas it is checked against.
///
/// IAM counts characters but not whitespace outside strings, so a pretty-printed document and its
/// compact form have the same size.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
public enum PolicySize {
    /// The size of a document held as a value: the characters of its compact JSON text.
    public static func measure(_ document: JSONValue) -> Int {
        let text = document.compactText()
        // Nearly every document is ASCII, where bytes are characters; counting grapheme clusters
        // is only needed otherwise.
        let bytes = text.utf8.count
        return text.utf8.allSatisfy({ $0 < 0x80 }) ? bytes : text.count
    }

    /// The size of a document as written: every character except whitespace outside strings.
    public static func measure(text: String) -> Int {
        var count = 0
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                count += 1
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == " " || character == "\n" || character == "\t" || character == "\r" || character == "\r\n" {
                continue
            } else {
                count += 1
                if character == "\"" { inString = true }
            }
        }
        return count
    }

    /// Managed policy documents (customer managed, and boundaries): 6,144 characters.
    public static let managedPolicyQuota = 6_144
    /// All inline policies of one user together: 2,048 characters.
    public static let userInlineQuota = 2_048
    /// All inline policies of one group together: 5,120 characters.
    public static let groupInlineQuota = 5_120
    /// All inline policies of one role together: 10,240 characters.
    public static let roleInlineQuota = 10_240
    /// A role trust policy: 2,048 characters by default (raisable to 4,096).
    public static let trustPolicyQuota = 2_048
    /// A session policy passed to AssumeRole: 2,048 characters.
    public static let sessionPolicyQuota = 2_048
}
