import Foundation
import IAMConfQueryAPI
import Testing

/// Requests signed by botocore's SigV4Auth (Fixtures/botocore/make_botocore_vectors.py).
@Suite struct BotocoreVectorTests {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        var name, service, region, timestamp, accessKeyID, secretAccessKey, host, contentType, body: String
        var sessionToken: String?
        var parameters: [[String]]
        var canonicalRequest, stringToSign, authorization: String
        var testDescription: String { name }
    }

    struct File: Decodable { var cases: [Vector] }

    static let vectors: [Vector] = {
        guard let data = try? FixtureFiles.data("botocore/botocore-vectors.json"),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.cases
    }()

    @Test func allVectorsLoaded() { #expect(Self.vectors.count == 5) }

    @Test("signature equals botocore's", arguments: vectors)
    func matchesBotocore(_ vector: Vector) throws {
        let date = try #require(Self.date(fromAmzDate: vector.timestamp))
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: vector.accessKeyID, secretAccessKey: vector.secretAccessKey, sessionToken: vector.sessionToken),
            region: vector.region, service: vector.service)
        var request = SignableRequest(
            method: "POST", path: "/",
            headers: [QueryParameter("Host", vector.host), QueryParameter("Content-Type", vector.contentType)],
            body: Array(vector.body.utf8))
        signer.sign(&request, date: date)
        #expect(signer.canonicalRequest(for: request) == vector.canonicalRequest)
        #expect(signer.stringToSign(canonicalRequest: vector.canonicalRequest, date: date) == vector.stringToSign)
        #expect(request.header("Authorization") == vector.authorization)
    }

    /// `20261129T120000Z` -> Date.
    static func date(fromAmzDate text: String) -> Date? {
        let c = Array(text)
        guard c.count == 16 else { return nil }
        let iso = "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))Z"
        return try? Date(iso, strategy: .iso8601)
    }

    /// Our form body must carry the same parameters as botocore's (spellings of spaces may differ:
    /// botocore writes `+`, RFC 3986 writes `%20`; both decode to the same value as a form).
    @Test("form body decodes to botocore's parameters", arguments: vectors)
    func formBodyRoundTrip(_ vector: Vector) throws {
        let parameters = vector.parameters.map { QueryParameter($0[0], $0[1]) }
        let call = QueryCall(
            service: vector.service == "sts" ? .sts : .iam, action: parameters[0].value,
            parameters: Array(parameters.dropFirst(2)))
        #expect(call.allParameters == parameters)
        let decoded = call.formBody.split(separator: "&").map { pair in
            pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { PercentEncoding.decode(String($0)) }
        }
        #expect(decoded == vector.parameters)
        #expect(!call.formBody.contains("+"))
    }
}
