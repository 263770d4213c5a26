/// Reading the catalog text (docs/scripts/extract-action-catalog.py documents the layout):
///
///     =PREFIX|Service name
///     kNAME|TYPE
///     rNAME|ARN format|KEY,KEY
///     aNAME|LEVEL|RES,RES*|KEY,KEY
///
/// A line that does not fit is skipped: the text is generated, and a test checks every line parses.
extension ActionCatalog {
    static func parse(_ text: String) -> [ServiceInfo] {
        var services: [ServiceInfo] = []
        services.reserveCapacity(460)
        var current: ServiceInfo?
        var keyNames: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let tag = line.utf8.first else { continue }
            let fields = line.dropFirst().split(separator: "|", omittingEmptySubsequences: false)
            switch tag {
            case UInt8(ascii: "="):
                if let done = current { services.append(done) }
                guard fields.count == 2 else { current = nil; continue }
                current = ServiceInfo(prefix: String(fields[0]), name: String(fields[1]), actions: [], conditionKeys: [], resourceTypes: [])
                keyNames = []
            case UInt8(ascii: "k"):
                guard fields.count == 2, let type = ConditionKeyType(code: fields[1]) else { continue }
                current?.conditionKeys.append(ConditionKeyInfo(name: String(fields[0]), type: type))
                keyNames.append(String(fields[0]))
            case UInt8(ascii: "r"):
                guard fields.count == 3 else { continue }
                current?.resourceTypes.append(ActionResourceType(name: String(fields[0]), arnFormat: String(fields[1]), isRequired: false))
            case UInt8(ascii: "a"):
                guard fields.count == 4, let service = current, let code = fields[1].utf8.first,
                      let level = AccessLevel(code: code)
                else { continue }
                var resources: [ActionResourceType] = []
                for item in fields[2].split(separator: ",") {
                    let required = item.hasSuffix("*")
                    guard let index = Int(required ? item.dropLast() : item), service.resourceTypes.indices.contains(index) else { continue }
                    var type = service.resourceTypes[index]
                    type.isRequired = required
                    resources.append(type)
                }
                let keys = fields[3].split(separator: ",").compactMap { Int($0) }.filter { keyNames.indices.contains($0) }.map { keyNames[$0] }
                current?.actions.append(
                    ActionInfo(service: service.prefix, name: String(fields[0]), accessLevel: level, resourceTypes: resources, conditionKeys: keys))
            default:
                continue
            }
        }
        if let done = current { services.append(done) }
        return services
    }
}
