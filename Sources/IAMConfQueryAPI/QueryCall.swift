import IAMConfCore

/// One AWS Query API call: the service that signs it, the action, and its form parameters.
///
/// The body is `Action=…&Version=…&…`, percent-encoded by RFC 3986 like the canonical query string
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/iam-api.pdf, "Making Query Requests").
public struct QueryCall: Sendable, Hashable {
    public enum Service: String, Sendable {
        case iam
        case sts

        /// The API version every request of the service names.
        public var apiVersion: String {
            switch self {
            case .iam: return "2010-05-08"
            case .sts: return "2011-06-15"
            }
        }
    }

    public var service: Service
    public var action: String
    /// Action-specific parameters, in the order they were added (order does not matter to AWS).
    public var parameters: [QueryParameter]
    /// A console password the encoder generated for `CreateLoginProfile`, reported back to the caller.
    public var generatedPassword: String?

    public init(service: Service, action: String, parameters: [QueryParameter] = [], generatedPassword: String? = nil) {
        self.service = service
        self.action = action
        self.parameters = parameters
        self.generatedPassword = generatedPassword
    }

    /// Every parameter including `Action` and `Version`.
    public var allParameters: [QueryParameter] {
        [QueryParameter("Action", action), QueryParameter("Version", service.apiVersion)] + parameters
    }

    /// The `application/x-www-form-urlencoded` body.
    public var formBody: String {
        allParameters.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }
            .joined(separator: "&")
    }
}

/// Builds a parameter list the way the Query protocol flattens structures and lists.
struct ParameterList {
    private(set) var items: [QueryParameter] = []

    mutating func add(_ name: String, _ value: String?) {
        if let value { items.append(QueryParameter(name, value)) }
    }

    mutating func add(_ name: String, _ value: Int?) { add(name, value.map(String.init)) }

    mutating func add(_ name: String, _ value: Bool?) { add(name, value.map { $0 ? "true" : "false" }) }

    /// `Name.member.1`, `Name.member.2`, … (1-based, as AWS numbers list members).
    mutating func addList(_ name: String, _ values: [String]) {
        for (index, value) in values.enumerated() { add("\(name).member.\(index + 1)", value) }
    }

    /// `Tags.member.N.Key` / `Tags.member.N.Value`.
    mutating func addTags(_ tags: [Tag]) {
        for (index, tag) in tags.enumerated() {
            add("Tags.member.\(index + 1).Key", tag.key)
            add("Tags.member.\(index + 1).Value", tag.value)
        }
    }
}
