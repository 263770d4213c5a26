/// Bounds how many HTTP calls are in flight at once (`HTTPBackend.Configuration.parallelism`).
///
/// Waiters are resumed first come, first served, so no call starves under load.
actor AsyncSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    init(permits: Int) { available = max(1, permits) }

    func wait() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func signal() {
        if head < waiters.count {
            let next = waiters[head]
            head += 1
            if head > 64, head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
            next.resume()
        } else {
            available += 1
        }
    }
}
