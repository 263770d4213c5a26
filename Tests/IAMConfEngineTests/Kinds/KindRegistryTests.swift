import IAMConfBackend
import IAMConfCore
import IAMConfState
import Testing
@testable import IAMConfEngine

/// The registry is the one list of kinds: each type is declared once, by its own kind, and
/// anything outside it is an unknown type that the engine refuses to act on.
@Suite struct KindRegistryTests {
    @Test("every registered kind manages a type of its own, spelled as the state spells it")
    func typesAreDistinct() {
        let types = KindRegistry.kinds.map(\.type)
        #expect(Set(types).count == types.count)
        #expect(types.count == 29)
        for type in types {
            #expect(type.rawValue.allSatisfy { $0.isLowercase || $0 == "_" }, "\(type)")
            #expect(ResourceType(known: type.rawValue) == type)
            #expect(type.kind.type == type)
        }
    }

    @Test("a type the registry does not list is not known, and its kind refuses every call")
    func unknownType() async {
        let future = ResourceType(rawValue: "user_ssh_key")
        #expect(ResourceType(known: "user_ssh_key") == nil)
        #expect(!future.isKnown)
        #expect(future.replacingAttributes.isEmpty && future.outputs.isEmpty)
        let state = ResourceState(address: Address(account: "a", kind: .user, name: "alice"), type: future, accountID: "111111111111")
        let calls = BackendCalls(backend: RecordingBackend())
        await #expect(throws: BackendError(.unsupported, "this iamconf does not know the resource type user_ssh_key")) {
            try await future.kind.delete(state, calls)
        }
    }
}
