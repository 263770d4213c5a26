import Foundation
import IAMConfBackend
import IAMConfConformance
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import Testing

/// The shared Backend conformance suite, held against the simulator with no deviations allowed.
@Suite struct ConformanceTests {
    @Test(arguments: ConformanceSuite.all)
    func caseBehavesLikeIAM(_ conformanceCase: ConformanceCase) async throws {
        let simulator = try IAMSimulator(idGenerator: .seeded(7))
        let result = await conformanceCase.run(on: simulator, account: "111111111111", runID: "t1")
        #expect(result.failures.isEmpty, "\(result)")
        #expect(result.knownDeviation == nil)
    }

    @Test func wholeSuiteOnOneBackendCleansUpAfterItself() async throws {
        let simulator = try IAMSimulator(idGenerator: .seeded(7))
        let results = await ConformanceSuite.runAll(on: simulator, account: "222222222222")
        #expect(results.allSatisfy { $0.failures.isEmpty }, "\(results.filter { !$0.failures.isEmpty })")
        let account = try #require(await simulator.snapshot.account("222222222222"))
        #expect(account.users.isEmpty)
        #expect(account.groups.isEmpty)
        #expect(account.roles.isEmpty)
        #expect(account.policies.isEmpty)
        #expect(account.instanceProfiles.isEmpty)
        #expect(account.oidcProviders.isEmpty)
        #expect(account.samlProviders.isEmpty)
        #expect(account.buckets.isEmpty)
        #expect(account.alias == nil)
        #expect(account.passwordPolicy == nil)
        #expect(account.mfaDeviceSerials.isEmpty)
    }

    @Test func caseNamesAreUnique() {
        let names = ConformanceSuite.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    /// A backend that accepts everything must fail the suite: the cases can fail.
    @Test func permissiveBackendFailsTheSuite() async {
        struct AcceptEverything: Backend {
            var descriptor: BackendDescriptor { BackendDescriptor(kind: .simulator) }
            func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse { IAMResponse() }
        }
        let results = await ConformanceSuite.runAll(on: AcceptEverything(), account: "111111111111")
        #expect(results.filter(\.passed).count < results.count / 4)
        let duplicate = results.first { $0.caseName == "user: duplicate name is EntityAlreadyExists" }
        #expect(duplicate?.failures == ["step 2 (CreateUser): expected EntityAlreadyExists, got success"])
    }

    /// A known deviation makes a failing case pass, and says why.
    @Test func knownDeviationIsReported() async throws {
        struct LaxEndpoint: Backend {
            let inner: IAMSimulator
            var descriptor: BackendDescriptor { BackendDescriptor(kind: .endpoint, endpoint: "http://test") }
            func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse {
                if case .deleteGroup = request { return IAMResponse() }
                return try await inner.perform(request, in: account)
            }
        }
        let backend = LaxEndpoint(inner: try IAMSimulator(idGenerator: .seeded(1)))
        let deleteGroup = try #require(ConformanceSuite.all.first { $0.name == "group: DeleteGroup refuses while it has members" })
        let result = await deleteGroup.run(on: backend, account: "111111111111", runID: "x")
        #expect(result.failures == ["step 4 (DeleteGroup): expected DeleteConflict, got success"])
        #expect(result.knownDeviation == MotoDeviation.deleteGroupUnchecked)
        #expect(result.passed)
    }
}
