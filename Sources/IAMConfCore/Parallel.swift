import Foundation

/// Runs independent pieces of one large job on every core and returns their results in order.
///
/// Large configurations are loaded and planned in pieces (files, accounts, chunks of resources)
/// that share nothing while they run; on the 2-core machines iamconf targets that halves the wall
/// time of a 100k-resource plan's heaviest steps.
public enum Parallel {
    /// `body(0) ... body(count - 1)`, run concurrently, results in index order.
    ///
    /// `T` need not be `Sendable`: each result is made by one iteration and read only after all
    /// iterations have finished (`concurrentPerform` returns after the last one).
    public static func map<T>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(body(index), at: index)
        }
        return slots.values
    }

    private final class Slots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var values_: [T?]

        init(count: Int) {
            values_ = Array(repeating: nil, count: count)
        }

        func store(_ value: T, at index: Int) {
            lock.withLock { values_[index] = value }
        }

        // concurrentPerform runs every iteration exactly once, so every slot is filled.
        var values: [T] { lock.withLock { values_.compactMap { $0 } } }
    }
}
