import IAMConfCore

/// The decision log's line, written straight to bytes: one per request, and `JSONEncoder` was a
/// twentieth of an S3 request's time in the profile. The same object `JSONEncoder` wrote (sorted
/// keys, nil members left out); `JSONByteWriter` escapes as every other iamconf JSON writer does.
extension DecisionRecord {
    /// The record as one line of JSON, ending in a newline.
    public func jsonLine() -> [UInt8] {
        var writer = JSONByteWriter(style: .compact, capacity: 256 + resource.utf8.count + (caller?.utf8.count ?? 0))
        writer.beginObject()
        writer.key("action")
        writer.string(action)
        if let caller {
            writer.key("caller")
            writer.string(caller)
        }
        if let code {
            writer.key("code")
            writer.string(code)
        }
        writer.key("missingContextKeys")
        writer.beginArray()
        for key in missingContextKeys { writer.string(key) }
        writer.endArray()
        writer.key("outcome")
        writer.string(outcome.rawValue)
        writer.key("resource")
        writer.string(resource)
        writer.key("sourceIP")
        writer.string(sourceIP)
        writer.key("statements")
        writer.beginArray()
        for statement in statements {
            writer.beginObject()
            if let at = statement.at {
                writer.key("at")
                writer.string(at)
            }
            writer.key("text")
            writer.string(statement.text)
            writer.endObject()
        }
        writer.endArray()
        writer.key("time")
        writer.string(time)
        writer.endObject()
        writer.newline()
        return writer.bytes
    }
}
