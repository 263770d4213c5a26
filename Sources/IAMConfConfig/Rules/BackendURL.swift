/// Checks an endpoint backend's `url`: http or https, a host, and a port IAM clients can dial.
///
/// A prefix test let `javascript:alert(1)`-like text or `http://host:99999` through to the HTTP
/// client, which then failed far from the line that caused it.
enum BackendURL {
    /// Why `url` is not usable, or nil when it is.
    static func problem(with url: String) -> String? {
        let lower = url.lowercased()
        guard let scheme = ["http://", "https://"].first(where: { lower.hasPrefix($0) }) else {
            return "the scheme must be http:// or https://"
        }
        var authority = Substring(url.dropFirst(scheme.count))
        if let end = authority.firstIndex(where: { "/?#".contains($0) }) { authority = authority[..<end] }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return "the IPv6 host has no closing ]" }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return "unexpected text after the host" }
                port = rest.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return "the URL has no host" }
        let allowed = host.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-._:%".unicodeScalars.contains($0)
        }
        guard allowed else { return "'\(host)' is not a host name or address" }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCII), let number = Int(port), (1...65_535).contains(number) else {
                return "the port must be a number from 1 to 65535"
            }
        }
        return nil
    }
}
