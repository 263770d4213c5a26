#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Works on bytes, not Characters: grapheme-aware splitting made parsing one service a
    /// noticeable part of a small `validate`.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> [ServiceInfo] {
        var services: [ServiceInfo] = []
        var header: (prefix: String, name: String)?
        var keys: [ConditionKeyInfo] = []
        var resources: [ActionResourceType] = []
        var actions: [ActionInfo] = []
        func finish() {
            guard let header else { return }
            services.append(ServiceInfo(prefix: header.prefix, name: header.name, actions: actions, conditionKeys: keys, resourceTypes: resources))
        }
        func string(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String { String(decoding: field, as: UTF8.self) }
        func integers(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> [(Int, Bool)] {
            var out: [(Int, Bool)] = []
            var value = 0, digits = 0, starred = false
            for byte in field {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 10 + Int(byte - UInt8(ascii: "0")); digits += 1
                case UInt8(ascii: "*"): starred = true
                default:
                    if digits > 0 { out.append((value, starred)) }
                    value = 0; digits = 0; starred = false
                }
            }
            if digits > 0 { out.append((value, starred)) }
            return out
        }
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let tag = line.first else { continue }
            let fields = line.dropFirst().split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
            switch tag {
            case UInt8(ascii: "="):
                finish()
                header = fields.count == 2 ? (string(fields[0]), string(fields[1])) : nil
                keys = []
                resources = []
                actions = []
            case UInt8(ascii: "k"):
                guard fields.count == 2, let type = ConditionKeyType(code: Substring(string(fields[1]))) else { continue }
                keys.append(ConditionKeyInfo(name: string(fields[0]), type: type))
            case UInt8(ascii: "r"):
                guard fields.count == 3 else { continue }
                resources.append(ActionResourceType(name: string(fields[0]), arnFormat: string(fields[1]), isRequired: false))
            case UInt8(ascii: "a"):
                guard fields.count == 4, let prefix = header?.prefix, let code = fields[1].first, let level = AccessLevel(code: code)
                else { continue }
                var types: [ActionResourceType] = []
                for (index, required) in integers(fields[2]) where resources.indices.contains(index) {
                    var type = resources[index]
                    type.isRequired = required
                    types.append(type)
                }
                let actionKeys = integers(fields[3]).map(\.0).filter { keys.indices.contains($0) }.map { keys[$0].name }
                actions.append(ActionInfo(service: prefix, name: string(fields[0]), accessLevel: level, resourceTypes: types, conditionKeys: actionKeys))
            default:
                continue
            }
        }
        finish()
        return services
    }
}

extension ActionCatalog {
    /// Where each service's lines start and end (a service starts with `=`), without reading them.
    static func scanBlocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [(prefix: String, bytes: Range<Int>)] {
        guard let base = bytes.baseAddress else { return [] }
        var starts: [(prefix: String, start: Int)] = []
        starts.reserveCapacity(460)
        var position = 0
        while position < bytes.count {
            // memchr, not a Swift loop: a debug build walks 0.9 MB byte by byte far slower.
            let end = memchr(base + position, 0x0A, bytes.count - position).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
                ?? bytes.count
            if bytes[position] == UInt8(ascii: "=") {
                var bar = position + 1
                while bar < end, bytes[bar] != UInt8(ascii: "|") { bar += 1 }
                starts.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[(position + 1)..<bar]), as: UTF8.self), position))
            }
            position = end + 1
        }
        return starts.enumerated().map { index, item in
            (item.prefix, item.start..<(index + 1 < starts.count ? starts[index + 1].start : bytes.count))
        }
    }
}
