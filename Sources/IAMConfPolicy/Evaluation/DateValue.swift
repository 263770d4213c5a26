/// Reads the date forms IAM accepts in `Date*` conditions: ISO 8601 or epoch seconds.
///
/// Returns seconds since 1970-01-01T00:00:00Z so that dates compare as numbers. A date without a
/// time is midnight UTC; a time without a zone is UTC.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
enum DateValue {
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
           let epoch = DecimalNumber.parse(text) {
            return epoch
        }
        var reader = Reader(bytes: bytes)
        guard let year = reader.number(4), reader.expect("-"), let month = reader.number(2), reader.expect("-"),
              let day = reader.number(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if reader.atEnd { return seconds }
        guard reader.expect("T") || reader.expect("t") || reader.expect(" "),
              let hour = reader.number(2), hour < 24, reader.expect(":"), let minute = reader.number(2), minute < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if reader.expect(":") {
            guard let second = reader.number(2), second <= 60 else { return nil }
            seconds += Double(second)
            if reader.expect(".") {
                var scale = 0.1
                guard let first = reader.peek, isDigit(first) else { return nil }
                while let digit = reader.peek, isDigit(digit) {
                    seconds += Double(digit - UInt8(ascii: "0")) * scale
                    scale /= 10
                    reader.index += 1
                }
            }
        }
        if reader.atEnd || reader.expect("Z") || reader.expect("z") { return reader.atEnd ? seconds : nil }
        let sign: Double
        if reader.expect("+") { sign = 1 } else if reader.expect("-") { sign = -1 } else { return nil }
        guard let offsetHours = reader.number(2) else { return nil }
        _ = reader.expect(":")
        let offsetMinutes = reader.number(2) ?? 0
        guard reader.atEnd else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func expect(_ c: Unicode.Scalar) -> Bool {
            guard let p = peek, p == UInt8(ascii: c) else { return false }
            index += 1
            return true
        }

        mutating func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for i in index..<index + count {
                guard DateValue.isDigit(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
    }
}
