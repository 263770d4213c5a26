import Foundation
import IAMConfCore

/// The timestamps the server writes: AWS's in answers and the decision log (`2026-12-07T15:04:05Z`)
/// and HTTP's `Last-Modified` (`Mon, 07 Dec 2026 15:04:05 GMT`).
///
/// Computed from the seconds since 1970, not with `DateFormatter`, `Date.ISO8601FormatStyle` or
/// `Calendar`: every request writes one (the decision log's time), and Foundation's formatting was a
/// visible part of a request's cost in the profile. Whole seconds, rounded down, as Foundation's
/// ISO 8601 style without fractional seconds writes them.
enum WireTime {
    static func text(_ date: Date) -> String {
        UTCTime(secondsSince1970: wholeSeconds(date)).iso8601
    }

    /// RFC 7231's IMF-fixdate. https://www.rfc-editor.org/rfc/rfc7231#section-7.1.1.1
    static func httpDate(_ date: Date) -> String {
        let seconds = wholeSeconds(date)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        // UTCTime's ISO text gives the calendar date; 1970-01-01 was a Thursday.
        let iso = Array(UTCTime(secondsSince1970: days * 86_400).iso8601.utf8)
        guard iso.count >= 10, let month = Int(String(decoding: iso[5..<7], as: UTF8.self)) else { return UTCTime(secondsSince1970: seconds).iso8601 }
        let weekday = Int(((days % 7) + 7 + 4) % 7)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[weekday]), \(String(decoding: iso[8..<10], as: UTF8.self)) \(months[(month - 1) % 12]) "
            + "\(String(decoding: iso[0..<(iso.count - 16)], as: UTF8.self)) \(two(time / 3600)):\(two(time % 3600 / 60)):\(two(time % 60)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func wholeSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
