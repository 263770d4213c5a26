import Foundation
@testable import IAMConfConfig
import IAMConfCore
import Testing

/// `state:`: where the state lives, decoded with every problem reported at its place.
@Suite struct StateSettingsTests {
    static func load(_ text: String) -> (configuration: Configuration?, diagnostics: Diagnostics) {
        ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)])
    }

    @Test func eachStoreDecodes() throws {
        let s3 = Self.load("state:\n  s3: {bucket: team-state, key: iam/prod.json, region: eu-west-1, endpoint_url: \"http://127.0.0.1:9000\"}\n  encrypt: true\n")
        #expect(!s3.diagnostics.hasErrors, "\(s3.diagnostics.map(\.summary))")
        #expect(s3.configuration?.state?.store == .s3(bucket: "team-state", key: "iam/prod.json", region: "eu-west-1", endpointURL: "http://127.0.0.1:9000"))
        #expect(s3.configuration?.state?.encrypt == true)
        #expect(s3.configuration?.state?.location?.line == 2)

        let postgres = Self.load("state:\n  postgres: {url: \"postgres://iamconf@db:5432/iam\", name: prod}\n")
        #expect(postgres.configuration?.state?.store == .postgres(url: "postgres://iamconf@db:5432/iam", name: "prod"))
        #expect(Self.load("state: {local: {path: prod.json}}\n").configuration?.state?.store == .local(path: "prod.json"))
    }

    @Test func everyProblemIsReportedAtItsPlace() {
        let (_, diagnostics) = Self.load("""
            state:
              s3: {bucket: Bad_Bucket, endpoint_url: "ftp://x"}
              encrypt: maybe
              colour: blue

            """)
        let errors = diagnostics.errors.map { "\($0.location?.line ?? 0):\($0.code):\($0.summary)" }
        #expect(errors.contains { $0.hasPrefix("2:missing-key:an S3 state needs a 'key'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("2:invalid-value:'Bad_Bucket' is not an S3 bucket name") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("2:invalid-url:'ftp://x'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("3:") }, "encrypt must be a boolean: \(errors)")
        #expect(errors.contains { $0.hasPrefix("4:") && $0.contains("colour") }, "an unknown key: \(errors)")
    }

    @Test func aPasswordInThePostgresURLIsRefused() {
        let (_, diagnostics) = Self.load("state:\n  postgres: {url: \"postgres://iamconf:hunter2@db/iam\", name: prod}\n")
        let error = diagnostics.errors.first
        #expect(error?.code == "secret-in-configuration" && error?.location?.line == 2, "\(diagnostics.map(\.summary))")
        #expect(error?.hint?.contains("PGPASSWORD") == true)
    }

    @Test func oneStoreOnlyAndOneFileOnly() {
        let two = Self.load("state:\n  local: {path: a.json}\n  s3: {bucket: abc, key: k}\n")
        #expect(two.diagnostics.errors.contains { $0.summary.contains("names 2 stores") })
        let none = Self.load("state: {encrypt: true}\n")
        #expect(none.diagnostics.errors.contains { $0.summary.contains("names no store") })
        let twice = ConfigurationLoader.load(sources: [
            SourceFile(path: "a.yaml", text: "state: {local: {path: a.json}}\n"), SourceFile(path: "b.yaml", text: "state: {local: {path: b.json}}\n"),
        ])
        #expect(twice.diagnostics.errors.contains { $0.code == "duplicate-setting" && $0.summary.contains("a.yaml:1") })
    }

    @Test func theStateBlockIsFoundWithoutLoadingTheRest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("state-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The accounts file would not load on its own (an unknown reference); the state block is still read.
        try "accounts:\n  a: {id: \"111111111111\", users: {x: {groups: [missing]}}}\n".write(
            to: directory.appendingPathComponent("accounts.yaml"), atomically: true, encoding: .utf8)
        try "# shared state\nstate:\n  s3: {bucket: team-state, key: prod.json}\n".write(
            to: directory.appendingPathComponent("state.yaml"), atomically: true, encoding: .utf8)
        let found = ConfigurationLoader.stateSettings(at: directory.path)
        #expect(found.settings?.store == .s3(bucket: "team-state", key: "prod.json", region: nil, endpointURL: nil))
        #expect(!found.diagnostics.hasErrors)

        try "state:\n  s3: {bucket: team-state}\n".write(to: directory.appendingPathComponent("state.yaml"), atomically: true, encoding: .utf8)
        let broken = ConfigurationLoader.stateSettings(at: directory.path)
        #expect(broken.settings == nil)
        #expect(broken.diagnostics.errors.first?.location?.file.hasSuffix("state.yaml") == true)
        #expect(ConfigurationLoader.stateSettings(at: directory.appendingPathComponent("none").path).settings == nil)
    }
}
