import IAMConfCore

/// Questions about two wildcard patterns (`*` any run, `?` one character) at once, for checks that
/// compare a policy's ARN patterns with each other and with the catalog's ARN formats.
///
/// Case-sensitive, as IAM matches ARNs. Both answers are conservative: `intersects` may say yes for
/// patterns IAM would keep apart at a colon, and `covers` may say no for an unusual pair that does
/// cover, so a finding built on them is never a false alarm from the algebra.
enum WildcardPattern {
    /// Whether some text matches both patterns.
    static func intersects(_ a: String, _ b: String) -> Bool {
        let a = Array(a), b = Array(b)
        var memo = [Bool?](repeating: nil, count: (a.count + 1) * (b.count + 1))
        func go(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i * (b.count + 1) + j] { return known }
            let result: Bool
            if i == a.count && j == b.count {
                result = true
            } else if i < a.count, a[i] == "*", go(i + 1, j) || (j < b.count && go(i, j + 1)) {
                result = true
            } else if j < b.count, b[j] == "*", go(i, j + 1) || (i < a.count && go(i + 1, j)) {
                result = true
            } else if i < a.count, j < b.count, a[i] != "*", b[j] != "*", a[i] == b[j] || a[i] == "?" || b[j] == "?" {
                result = go(i + 1, j + 1)
            } else {
                result = false
            }
            memo[i * (b.count + 1) + j] = result
            return result
        }
        return go(0, 0)
    }

    /// Whether every text `inner` matches also matches `outer` (`arn:aws:s3:::b/*` covers
    /// `arn:aws:s3:::b/x*` and `arn:aws:s3:::b/x`).
    static func covers(_ outer: String, _ inner: String) -> Bool {
        let o = Array(outer), n = Array(inner)
        var memo = [Bool?](repeating: nil, count: (o.count + 1) * (n.count + 1))
        func go(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i * (n.count + 1) + j] { return known }
            let result: Bool
            if i == o.count {
                result = j == n.count
            } else if o[i] == "*" {
                result = go(i + 1, j) || (j < n.count && go(i, j + 1))
            } else if j == n.count {
                result = false
            } else if o[i] == "?" {
                result = n[j] != "*" && go(i + 1, j + 1)
            } else {
                result = o[i] == n[j] && n[j] != "*" && n[j] != "?" && go(i + 1, j + 1)
            }
            memo[i * (n.count + 1) + j] = result
            return result
        }
        return go(0, 0)
    }

    /// `${aws:username}` and other policy variables as `*`: what they may stand for.
    static func variablesAsWildcards(_ text: String) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { return result + rest[start.lowerBound...] }
            result += "*"
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
