import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
@testable import IAMConfQueryAPI
import Testing

@Suite struct TransportTests {
    /// Nothing listens on a just-freed port: the error says so and names the URL.
    @Test func endpointDownIsAClearTransportError() async throws {
        let port = try MotoServer.freePort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let backend = try HTTPBackend(
            HTTPBackend.Configuration(endpoint: url, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01)), environment: [:])
        do {
            _ = try await backend.perform(.getUser(name: "x"), in: "123456789012")
            Issue.record("expected a transport error")
        } catch {
            #expect(error.code == .transport)
            #expect(error.message == "cannot reach http://127.0.0.1:\(port): connection refused")
        }
    }

    @Test func descriptorNamesTheEndpoint() throws {
        let url = try #require(URL(string: "http://localhost:5000"))
        let backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: url), environment: [:])
        #expect(backend.descriptor == BackendDescriptor(kind: .endpoint, endpoint: "http://localhost:5000"))
        #expect(backend.baseCredentials == .loopbackTestCredentials)
    }

    @Test func remoteEndpointWithoutCredentialsIsRefused() throws {
        let configuration = HTTPBackend.Configuration(endpoint: try #require(URL(string: "https://iam.amazonaws.com")))
        do {
            _ = try HTTPBackend(configuration, environment: ["HOME": "/nonexistent"])
            Issue.record("expected missing credentials")
        } catch {
            #expect(error.rawCode == "MissingCredentials")
            #expect(error.message.hasPrefix("no AWS credentials for https://iam.amazonaws.com"))
        }
    }

    @Test func nonHTTPEndpointIsRejected() {
        let configuration = HTTPBackend.Configuration(endpoint: URL(fileURLWithPath: "/tmp/x"))
        #expect(throws: BackendError.self) { try HTTPBackend(configuration, environment: [:]) }
    }

    @Test func retryDelaysGrowAndAreCapped() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 0.1, maxDelay: 0.3)
        for _ in 0..<50 {
            #expect((0...0.1).contains(policy.delay(beforeRetry: 0)))
            #expect((0...0.3).contains(policy.delay(beforeRetry: 6)))
        }
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test func awsEndpointsAreDerivedPerService() throws {
        let aws = ServiceEndpoints.derived(from: try #require(URL(string: "https://iam.amazonaws.com")), region: "eu-west-1")
        #expect(aws.sts.absoluteString == "https://sts.eu-west-1.amazonaws.com")
        #expect(aws.s3.absoluteString == "https://s3.eu-west-1.amazonaws.com")
        let moto = try #require(URL(string: "http://127.0.0.1:5000"))
        #expect(ServiceEndpoints.derived(from: moto, region: "us-east-1") == ServiceEndpoints(iam: moto, sts: moto, s3: moto))
        var configuration = HTTPBackend.Configuration(endpoint: moto, stsEndpoint: URL(string: "http://127.0.0.1:6000"))
        #expect(configuration.serviceEndpoints.sts.absoluteString == "http://127.0.0.1:6000")
        configuration.s3Endpoint = URL(string: "http://127.0.0.1:7000")
        #expect(configuration.serviceEndpoints.s3.absoluteString == "http://127.0.0.1:7000")
        #expect(configuration.serviceEndpoints.iam == moto)
    }
}
