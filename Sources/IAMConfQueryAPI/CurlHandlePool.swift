import CCurl
import Synchronization

/// Idle curl easy handles. A handle keeps its connections open after a request, so taking the
/// same few handles again and again is what makes keep-alive work; each is used by one thread at
/// a time (https://curl.se/libcurl/c/threadsafe.html).
final class CurlHandlePool: Sendable {
    private struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    let library: CurlLibrary
    private let idle = Mutex<[Handle]>([])
    private let capacity: Int

    /// `capacity`: idle handles kept; more are closed on return (the caller bounds concurrency).
    init(library: CurlLibrary, capacity: Int) {
        self.library = library
        self.capacity = max(1, capacity)
    }

    deinit {
        for handle in idle.withLock({ $0 }) { ccurl_handle_destroy(library.pointer, handle.pointer) }
    }

    /// An idle handle, or a new one; nil when curl cannot create one (out of memory).
    func take() -> UnsafeMutableRawPointer? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle.pointer }
        return ccurl_handle_create(library.pointer)
    }

    func give(back pointer: UnsafeMutableRawPointer) {
        let kept = idle.withLock { handles -> Bool in
            guard handles.count < capacity else { return false }
            handles.append(Handle(pointer: pointer))
            return true
        }
        if !kept { ccurl_handle_destroy(library.pointer, pointer) }
    }
}
