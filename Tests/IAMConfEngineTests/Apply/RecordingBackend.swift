import Foundation
import IAMConfBackend
import IAMConfCore

@testable import IAMConfEngine

/// A backend that records every call, can fail chosen actions, and measures how many calls overlap.
actor RecordingBackend: Backend {
    nonisolated let descriptor = BackendDescriptor.simulator
    private(set) var calls: [String] = []
    private var inFlight = 0
    private(set) var maxInFlight = 0
    private let failures: [String: BackendError]
    private let delay: Duration

    private let slow: [String: Duration]

    init(failing failures: [String: BackendError] = [:], delay: Duration = .zero, slow: [String: Duration] = [:]) {
        self.failures = failures
        self.delay = delay
        self.slow = slow
    }

    /// Calls are recorded when they complete, so an order between two calls means the first had
    /// finished before the second did.
    func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse {
        let label = describe(request)
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        let pause = slow[request.actionName] ?? delay
        if pause > .zero { try? await Task.sleep(for: pause) }
        inFlight -= 1
        calls.append(label)
        if let failure = failures[label] ?? failures[request.actionName] { throw failure }
        switch request {
        case let .createPolicy(name, path, _, _, _):
            return IAMResponse(arn: "arn:aws:iam::\(account):policy\(path)\(name)", defaultVersionID: "v1")
        case .listPolicyVersions:
            return IAMResponse(versions: (1...5).map { PolicyVersionSummary(versionID: "v\($0)", isDefault: $0 == 5) })
        case .createPolicyVersion:
            return IAMResponse(defaultVersionID: "v6")
        case .createAccessKey:
            return IAMResponse(accessKeyID: "AKIAEXAMPLE", secretAccessKey: "secret")
        case let .getUser(name):
            return IAMResponse(
                arn: "arn:aws:iam::\(account):user/\(name)", uniqueID: "AIDAADOPTED",
                attributes: ["name": .string(name), "path": .string("/"), "tags": .object([])])
        default:
            return IAMResponse(arn: "arn:aws:iam::\(account):thing/\(label)")
        }
    }

    /// `CreateUser alice`, `AttachUserPolicy alice`, … : the action and the first name it names.
    nonisolated func describe(_ request: IAMRequest) -> String {
        let text = String(describing: request)
        let firstValue = text.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
        return firstValue.isEmpty ? request.actionName : "\(request.actionName) \(firstValue)"
    }
}
