/// The numbers IAM accepts as numeric condition values: an optional `-`, digits, and an optional
/// fraction (`10`, `-2.5`).
///
/// Swift's `Double(_:)` also reads `0x10`, `inf`, `nan`, `1e309` and `+5`, none of which IAM
/// treats as a number; a condition must not match on them, nor a request value compare as one.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
enum DecimalNumber {
    /// The value of a decimal number, or nil for anything else (including ones too large for a Double).
    static func parse(_ text: String) -> Double? {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let integer = scalars.prefix { isDigit($0) }
        guard !integer.isEmpty else { return nil }
        let rest = scalars.dropFirst(integer.count)
        if let dot = rest.first {
            guard dot == ".", rest.count > 1, rest.dropFirst().allSatisfy(isDigit) else { return nil }
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
