import Foundation
import IAMConfCore

extension State {
    /// A new, empty state with a fresh random lineage (a lowercase UUID), serial 0.
    ///
    /// The lineage ties saved plans and later writes to this state's history; two states created
    /// separately never share one, so a plan or a write meant for another state is refused.
    public static func new(backend: BackendDescriptor = .simulator) -> State {
        State(lineage: UUID().uuidString.lowercased(), serial: 0, backend: backend)
    }

    /// The lineage and serial of this state, for a saved plan.
    public var fingerprint: StateFingerprint { StateFingerprint(self) }
}
