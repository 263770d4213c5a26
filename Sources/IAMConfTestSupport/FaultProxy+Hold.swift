import Foundation

/// Holding one call: the proxy keeps a chosen request (not yet forwarded) until the test releases
/// it, so a test can act "while the client is mid-call" at a known point instead of racing it.
extension FaultProxy {
    struct Hold {
        var action: String?
        var isHeld = false
        var isReleased = false
    }

    /// Holds the next request whose action is `action` (`CreateUser`, or `PUT /bucket` for REST)
    /// before it is forwarded, until `release()`.
    public func hold(next action: String) {
        state.withLock { $0.hold = Hold(action: action) }
    }

    /// Waits (up to `seconds`) until the chosen request is being held; false if it never came.
    public func waitUntilHeld(seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if state.withLock({ $0.hold.isHeld }) { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Lets the held request (and any later one) go on.
    public func release() {
        state.withLock { $0.hold.isReleased = true }
    }

    /// Holds `request` if it is the chosen one; false when the proxy stopped meanwhile (then it is
    /// not forwarded: its client may be gone, and the test is over).
    func holdIfChosen(_ request: HTTPMessage) -> Bool {
        let chosen = state.withLock { state -> Bool in
            guard let action = state.hold.action, !state.hold.isHeld, request.actionName == action else { return false }
            state.hold.isHeld = true
            return true
        }
        guard chosen else { return true }
        while !state.withLock({ $0.hold.isReleased || $0.isStopped }) {
            Thread.sleep(forTimeInterval: 0.01)
        }
        return !state.withLock { $0.isStopped }
    }
}
