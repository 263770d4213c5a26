import CCurl
import Foundation
import IAMConfBackend

/// libcurl, opened with dlopen at the first HTTP request (see Sources/CCurl for why it is not linked).
///
/// Loaded once per process and never closed: easy handles and their connections may live as long
/// as the process.
final class CurlLibrary: Sendable {
    /// Linux: the Debian/Ubuntu soname first (package libcurl4), then the unversioned development
    /// link, then the GnuTLS build some minimal images carry instead (package libcurl3-gnutls).
    /// macOS (which Package.swift declares): the system's libcurl, always present in /usr/lib.
    #if os(macOS)
    static let defaultNames = ["/usr/lib/libcurl.4.dylib", "libcurl.4.dylib", "libcurl.dylib"]
    #else
    static let defaultNames = ["libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4"]
    #endif

    /// The process's libcurl, loaded on first use (a static `let` is initialised once, thread-safely).
    static let shared: Result<CurlLibrary, BackendError> = load(names: defaultNames)

    // Immutable after ccurl_load and never freed, so sharing it between threads is safe.
    nonisolated(unsafe) let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// Opens the first of `names` found. Not cached: use `shared` outside tests.
    static func load(names: [String]) -> Result<CurlLibrary, BackendError> {
        var error = [CChar](repeating: 0, count: 512)
        let library = withCStringArray(names) { pointers in
            ccurl_load(pointers.baseAddress, pointers.count, &error, error.count)
        }
        if let library { return .success(CurlLibrary(library)) }
        let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .failure(BackendError(
            .other,
            "the endpoint backend needs libcurl, which could not be loaded (tried \(names.joined(separator: ", "))): "
                + "\(reason); install the libcurl4 package (e.g. apt-get install libcurl4)",
            rawCode: "LibcurlMissing"))
    }
}

/// Calls `body` with NUL-terminated copies of `strings`, valid only during the call.
func withCStringArray<Result>(_ strings: [String], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    let copies = strings.map { UnsafePointer(strdup($0)) }
    defer { for copy in copies { free(UnsafeMutablePointer(mutating: copy)) } }
    return copies.withUnsafeBufferPointer(body)
}
