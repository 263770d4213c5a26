import Foundation
import IAMConfCore

/// Members in the shape synthesized `Codable` reads, for the world file (`World+JSONWriter.swift`).
///
/// JSONEncoder with synthesized Codable took about 3 s for a 100k-call world in a debug build;
/// writing bytes directly is several times faster, and flush runs after every apply batch.
/// The output is plain JSON that `JSONDecoder` reads back into the same `World`.
extension JSONByteWriter {
    /// A date as JSONEncoder's default strategy writes it: seconds since 2001-01-01, exact.
    mutating func date(_ value: Date) {
        number("\(value.timeIntervalSinceReferenceDate)")
    }

    // Optional members are left out when nil, as synthesized Codable does.
    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func field(_ name: String, _ value: Date) {
        key(name)
        date(value)
    }

    mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for item in strings { string(item) }
        endArray()
    }

    /// A `[String: String]` as an object with sorted keys.
    mutating func field(_ name: String, map: [String: String]) {
        key(name)
        stringMap(map)
    }
}
