/// Rules for the 12-digit AWS account identifier.
public enum AccountID {
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
