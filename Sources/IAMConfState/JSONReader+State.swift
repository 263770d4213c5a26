import IAMConfCore

extension JSONReader {
    /// Reads a file laid out exactly as `StateFile.encode` writes the current format, straight into a
    /// `State` without building a JSON tree for the skeleton. Returns `nil` at the first deviation
    /// (other member order, extra members, an older version, any error); the caller then takes the
    /// general path, which accepts every valid layout and reports errors precisely.
    ///
    /// Why: the tree for a 100k-resource file is millions of small allocations made only to be freed.
    static func canonicalState(_ input: [UInt8]) -> State? {
        input.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer)
            return reader.readState()
        }
    }

    private mutating func readState() -> State? {
        guard take("{"), member("format_version"), let version = readNumber(), version == String(StateFile.currentFormatVersion),
              take(","), member("iamconf_version"), readStringValue() != nil,
              take(","), member("lineage"), let lineage = readStringValue(), !lineage.isEmpty,
              take(","), member("serial"), let serialText = readNumber(), let serial = Int(serialText), serial >= 0,
              take(","), member("backend"), let backend = readBackend(),
              take(","), member("resources"), take("[")
        else { return nil }
        // Sized from the file up front (iamconf writes ~600 bytes per resource): growing the table
        // one doubling at a time rehashed every address about once more.
        var resources: [Address: ResourceState] = [:]
        resources.reserveCapacity(bytes.count / 512)
        if !take("]") {
            repeat {
                guard let resource = readResource(), resources.updateValue(resource, forKey: resource.address) == nil else { return nil }
            } while take(",")
            guard take("]") else { return nil }
        }
        guard take("}") else { return nil }
        skipWhitespace()
        guard index == bytes.count else { return nil }
        return State(lineage: lineage, serial: serial, backend: backend, resources: resources)
    }

    private mutating func readBackend() -> BackendDescriptor? {
        guard take("{"), member("kind"), let kind = readStringValue() else { return nil }
        var endpoint: String?
        if take(",") {
            guard member("endpoint"), let text = readStringValue() else { return nil }
            endpoint = text
        }
        // An unknown kind takes the slow reader, which names the problem.
        guard take("}"), let known = BackendDescriptor.Kind(rawValue: kind) else { return nil }
        return BackendDescriptor(kind: known, endpoint: endpoint)
    }

    private mutating func readResource() -> ResourceState? {
        guard take("{"), member("address"), let address = readAddress(),
              take(","), member("type"), let type = readStringValue(),
              take(","), member("account_id"), let accountID = readStringValue(),
              take(","), member("attributes"), let attributes = readAttributes(),
              take(","), member("outputs"), let outputs = readStringMap(),
              take(","), member("secrets"), let secrets = readStringMap(),
              take(","), member("dependencies"), take("[")
        else { return nil }
        var dependencies: [Address] = []
        if !take("]") {
            repeat {
                guard let dependency = readAddress() else { return nil }
                dependencies.append(dependency)
            } while take(",")
            guard take("]") else { return nil }
        }
        guard take("}") else { return nil }
        return ResourceState(
            address: address, type: ResourceType(rawValue: type), accountID: accountID, attributes: attributes, outputs: outputs,
            secrets: secrets, dependencies: dependencies)
    }

    private mutating func readAttributes() -> [String: JSONValue]? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{"), case let .object(members)? = try? parseValue(depth: 3) else {
            return nil
        }
        var map: [String: JSONValue] = [:]
        map.reserveCapacity(members.count)
        for member in members { map[member.key] = member.value }
        return map
    }

    private mutating func readStringMap() -> [String: String]? {
        guard take("{") else { return nil }
        var map: [String: String] = [:]
        if take("}") { return map }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = try? parseString(), take(":"),
                  let value = readStringValue(), map.updateValue(value, forKey: key) == nil
            else { return nil }
        } while take(",")
        return take("}") ? map : nil
    }

    private mutating func readAddress() -> Address? {
        readStringValue().flatMap(StateDocumentReader.simpleAddress)
    }

    private mutating func readStringValue() -> String? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        return try? parseString()
    }

    private mutating func readNumber() -> String? {
        skipWhitespace()
        guard case let .number(spelling)? = try? parseValue(depth: 1) else { return nil }
        return spelling
    }

    /// Skips whitespace and consumes `byte` if it comes next.
    private mutating func take(_ byte: Unicode.Scalar) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(byte.value) else { return false }
        index += 1
        return true
    }

    /// Consumes `"name":` (after whitespace) if it comes next.
    private mutating func member(_ name: StaticString) -> Bool {
        skipWhitespace()
        let count = name.utf8CodeUnitCount
        guard index + count + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\""),
              bytes[index + count + 1] == UInt8(ascii: "\"") else { return false }
        for offset in 0..<count where bytes[index + 1 + offset] != name.utf8Start[offset] { return false }
        index += count + 2
        return take(":")
    }
}
