import Testing
@testable import IAMConfState

/// The UTF-8 check skips ASCII eight bytes at a time; what follows the fast part must still be checked.
@Suite struct StateUTF8ValidationTests {
    static let ascii = Array("{\"lineage\": \"abc\", \"serial\": 1}".utf8)

    @Test("valid text is accepted wherever its multi-byte characters fall", arguments: 0...9)
    func validMultiByte(prefix: Int) {
        let bytes = Array(Self.ascii.prefix(prefix)) + Array("é€😀".utf8) + Self.ascii
        #expect(StateFile.isValidUTF8(bytes))
    }

    @Test("a bad byte is found wherever it falls, even split across the eight-byte step", arguments: 0...17)
    func invalidByte(prefix: Int) {
        #expect(!StateFile.isValidUTF8(Array(Self.ascii.prefix(prefix)) + [0xC3, 0x28] + Self.ascii))
        #expect(!StateFile.isValidUTF8(Array(Self.ascii.prefix(prefix)) + [0xFF]))
        #expect(!StateFile.isValidUTF8(Array(Self.ascii.prefix(prefix)) + [0xE2, 0x82]))
    }

    @Test func emptyAndPureASCII() {
        #expect(StateFile.isValidUTF8([]))
        #expect(StateFile.isValidUTF8(Self.ascii + Self.ascii))
    }
}
