import IAMConfCore

/// How much of STS's packed space a session's policies and tags take, as `AssumeRole`'s
/// `PackedPolicySize` reports it (a percentage; over 100 the call fails with `PackedPolicyTooLarge`).
///
/// AWS compresses the inline session policy, the managed session policy ARNs and the session tags
/// into the session token and limits that packed form, but publishes neither the packing nor the
/// limit (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, "PackedPolicySize";
/// https://repost.aws/knowledge-center/iam-role-aws-sts-error). iamconf's approximation:
///
/// - the policy minified (no whitespace outside strings), each ARN, and each tag's key and value
///   are laid end to end and packed by a greedy LZ77 pass as DEFLATE does it without its entropy
///   coding (3-byte matches, a 32 KiB window): a literal costs one byte, a match three;
/// - the result is measured against a budget of 2,048 packed bytes.
///
/// So a one-statement session policy with two tags reports 8 %, a 2,000-character policy of varied
/// statements about 35 %, and 50 tags of 64 distinct hex digits on top of it pass 100 and are
/// refused, which is how AWS behaves in the reports above; AWS's exact figures differ.
struct PackedSessionSize: Sendable, Equatable {
    static let budget = 2048

    /// Packed bytes of the policies (inline and ARNs) and of the tags.
    var policyBytes: Int
    var tagBytes: Int

    init(policy: String?, policyARNs: [String], tags: [Tag]) {
        var policyText = Array((policy.map(Self.minified) ?? "").utf8)
        for arn in policyARNs { policyText += [0] + Array(arn.utf8) }
        var tagText: [UInt8] = []
        for tag in tags { tagText += Array(tag.key.utf8) + [1] + Array(tag.value.utf8) + [2] }
        let together = Self.packedLength(policyText + tagText)
        policyBytes = Self.packedLength(policyText)
        tagBytes = max(0, together - policyBytes)
    }

    /// The percentage AWS answers in `PackedPolicySize`, rounded up.
    var percent: Int { Self.percent(policyBytes + tagBytes) }

    static func percent(_ bytes: Int) -> Int { (bytes * 100 + budget - 1) / budget }

    /// AWS's refusal when the packed form does not fit: the tags' own text when they alone are too
    /// many, the policy's otherwise (both texts from the knowledge-center article above).
    var refusal: ServiceError? {
        guard percent > 100 else { return nil }
        if Self.percent(tagBytes) > 100 {
            return ServiceError("PackedPolicyTooLarge", "Packed size of session tags consumes \(Self.percent(tagBytes))% of allotted space.", status: 400)
        }
        return ServiceError("PackedPolicyTooLarge", "Packed policy consumes \(percent)% of allotted space, please use smaller policy.", status: 400)
    }

    /// The JSON text without the whitespace between its tokens (strings are kept as written).
    static func minified(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if inString {
                out.append(scalar)
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
                out.append(scalar)
            } else if ![" ", "\n", "\r", "\t"].contains(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Bytes after a greedy LZ77 pass: one per literal, three per match of 3 to 258 bytes found
    /// within the last 32 KiB through a hash of the next three bytes.
    static func packedLength(_ bytes: [UInt8]) -> Int {
        var last: [Int: Int] = [:]
        var size = 0
        var i = 0
        while i < bytes.count {
            guard i + 3 <= bytes.count else {
                size += bytes.count - i
                break
            }
            let key = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            let previous = last[key]
            last[key] = i
            if let previous, i - previous <= 32_768 {
                var length = 0
                while length < 258, i + length < bytes.count, bytes[previous + length] == bytes[i + length] { length += 1 }
                if length >= 3 {
                    size += 3
                    for j in stride(from: i + 1, to: min(i + length, bytes.count - 2), by: 1) {
                        last[Int(bytes[j]) << 16 | Int(bytes[j + 1]) << 8 | Int(bytes[j + 2])] = j
                    }
                    i += length
                    continue
                }
            }
            size += 1
            i += 1
        }
        return size
    }
}
