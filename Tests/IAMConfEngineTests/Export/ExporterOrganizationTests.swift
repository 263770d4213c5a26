import IAMConfCore
import IAMConfState
import Testing
@testable import IAMConfEngine

/// An export writes accounts, not the `organization:` block: the organization's resources stay
/// out of the files and of the state written (so `plan` right after shows no changes) and a note
/// names them.
@Suite struct ExporterOrganizationTests {
    @Test func theOrganizationIsLeftOutWithANote() {
        let alias = ResourceState(
            address: Address(account: "main", kind: .alias), type: .accountAlias, accountID: "333333333333", attributes: ["alias": .string("main")])
        let unit = ResourceState(
            address: Address(account: Address.organizationAccount, kind: .unit, name: "Data"), type: .organizationalUnit, accountID: "333333333333",
            attributes: ["name": .string("Data"), "parent": .string("root")])
        let export = Exporter.export([alias, unit], backend: .simulator, lineage: "l")
        #expect(export.state.resources.keys.map(\.description) == ["main.alias"])
        #expect(export.notes.contains { $0.contains("left out, the organization") && $0.contains("organization.unit.Data") }, "\(export.notes)")
        #expect(!export.files.contains { $0.text.contains("Data") })
    }
}
