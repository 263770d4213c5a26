import Foundation
@testable import IAMConfConfig
import IAMConfCore
import Testing

/// The editor schema and the loader must agree: same keys, and every example conforms.
@Suite struct SchemaTests {
    static func schema() throws -> JSONValue {
        try JSONParser.parse(String(contentsOf: Paths.schema, encoding: .utf8))
    }

    static let exampleFiles: [String] = Paths.subdirectories(of: Paths.examples).flatMap { directory in
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(directory.lastPathComponent)/\($0)" }
    }

    @Test func schemaDeclaresDraft2020() throws {
        #expect(try Self.schema()["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test(arguments: ConfigurationKeys.byDefinition.keys.sorted())
    func schemaAndLoaderAllowTheSameKeys(_ definition: String) throws {
        let schema = try Self.schema()
        let node = definition == "root" ? schema : schema["$defs"]?[definition]
        let schemaKeys = (node?["properties"]?.objectValue ?? []).map(\.key).sorted()
        #expect(schemaKeys == (ConfigurationKeys.byDefinition[definition] ?? []).sorted())
    }

    @Test func everyPropertyHasADescription() throws {
        let schema = try Self.schema()
        for (name, definition) in schema["$defs"]?.objectValue ?? [] {
            for (key, property) in definition["properties"]?.objectValue ?? [] {
                let described = property["description"] != nil || property["$ref"] != nil
                #expect(described, "\(name).\(key) has no description")
            }
        }
    }

    @Test func thereAreExamples() {
        #expect(Self.exampleFiles.count >= 5)
    }

    @Test(arguments: exampleFiles)
    func exampleConformsToTheSchema(_ file: String) throws {
        let text = try String(contentsOf: Paths.examples.appendingPathComponent(file), encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../../schemas/iamconf.schema.json"))
        let data = try #require(YAMLReader.plainData(text))
        #expect(SchemaChecker(root: try Self.schema()).check(data) == [])
    }

    @Test func checkerRejectsWhatTheSchemaForbids() throws {
        let checker = SchemaChecker(root: try Self.schema())
        let account = try #require(YAMLReader.plainData("id: \"12\"\nalias: acme\nroot: { mfa: \"yes\" }\n"))
        #expect(checker.check(account, definition: "account") == ["$.id: does not match ^[0-9]{12}$", "$.root.mfa: expected boolean"])
        let user = try #require(YAMLReader.plainData("acess_keys: 1\naccess_keys: 3\n"))
        #expect(checker.check(user, definition: "user") == ["$: unexpected property acess_keys", "$.access_keys: above maximum"])
    }
}
