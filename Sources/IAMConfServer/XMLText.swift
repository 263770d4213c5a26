/// Building AWS's XML answers: escaping, elements, and the two error documents.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `<name>escaped text</name>`; nothing for nil.
    static func element(_ name: String, _ value: String?) -> String {
        guard let value else { return "" }
        return "<\(name)>\(escape(value))</\(name)>"
    }

    static let iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"
    static let stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"
    static let s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata><RequestId>…`
    static func queryResponse(action: String, namespace: String, result: String, requestID: String) -> String {
        // UpdateRole answers an empty result element, and botocore requires it (its output shape,
        // UpdateRoleResponse, has no members but a result wrapper); the other empty answers have none.
        let resultElement =
            result.isEmpty ? (action == "UpdateRole" ? "<UpdateRoleResult/>" : "") : "<\(action)Result>\(result)</\(action)Result>"
        return "<\(action)Response xmlns=\"\(namespace)\">\(resultElement)"
            + "<ResponseMetadata><RequestId>\(requestID)</RequestId></ResponseMetadata></\(action)Response>"
    }

    /// The Query protocol's error document (IAM, STS).
    static func queryError(_ error: ServiceError, namespace: String, requestID: String) -> String {
        "<ErrorResponse xmlns=\"\(namespace)\"><Error><Type>\(error.type)</Type><Code>\(escape(error.code))</Code>"
            + "<Message>\(escape(error.message))</Message></Error><RequestId>\(requestID)</RequestId></ErrorResponse>"
    }

    /// S3's error document.
    static func s3Error(_ error: ServiceError, resource: String?, requestID: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(escape(error.code))</Code><Message>\(escape(error.message))</Message>"
            + element("Resource", resource) + "<RequestId>\(requestID)</RequestId></Error>"
    }
}
