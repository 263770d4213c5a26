/// "Did you mean" for names a policy gets wrong: the nearest service prefix, action or condition key.
extension ActionCatalog {
    /// The nearest service prefix to an unknown one (`s4` -> `s3`), within two edits.
    public func suggestion(forService prefix: String) -> String? {
        NameSuggestion.closest(to: prefix, in: prefixes)
    }

    /// The nearest action of the same service (`s3:GetObjekt` -> `s3:GetObject`); when the service
    /// itself is unknown, the action under the nearest service.
    public func suggestion(forAction qualifiedName: String) -> String? {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return nil }
        let prefix = String(qualifiedName[..<colon])
        let name = String(qualifiedName[qualifiedName.index(after: colon)...])
        let target = service(prefix) ?? suggestion(forService: prefix).flatMap { service($0) }
        guard let target else { return nil }
        if let exact = target.action(named: name) { return exact.qualifiedName }
        return NameSuggestion.closest(to: name, in: target.actions.map(\.name)).map { "\(target.prefix):\($0)" }
    }

    /// The nearest condition key with the same prefix (`aws:SourceIP` is a case slip, `aws:SorceIp` a typo).
    public func suggestion(forConditionKey name: String) -> String? {
        guard let colon = name.firstIndex(of: ":") else { return nil }
        let prefix = name[..<colon].lowercased()
        var known: [String] = []
        if prefix == "aws" { known = GlobalConditionKeys.all.map(\.name) }
        if let service = service(prefix) { known += service.conditionKeys.map(\.name) }
        let plain = known.filter { !$0.contains("${") && !$0.contains("<") }
        return NameSuggestion.closest(to: name, in: plain)
    }
}
