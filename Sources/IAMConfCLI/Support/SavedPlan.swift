import Foundation
import IAMConfCore
import IAMConfEngine

/// A plan file as `plan --out` writes it: the plan plus where its configuration and state live,
/// so `apply FILE` acts on the same state whatever directory it runs from.
struct SavedPlan {
    static let marker = "iamconf_saved_plan"

    var configurationDirectory: String
    var statePath: String
    var plan: Plan

    func encoded() throws -> String {
        let planJSON: JSONValue
        do {
            planJSON = try JSONParser.parse(PlanFile.encode(plan))
        } catch {
            throw CLIError("internal error: the plan could not be encoded (\(error))")
        }
        return JSONValue.object([
            (SavedPlan.marker, .number("1")),
            ("configuration", .string(configurationDirectory)),
            ("state", .string(statePath)),
            ("plan", planJSON),
        ]).prettyText() + "\n"
    }

    /// Nil when `path` is not a saved plan (a directory, or a YAML file); an error when it looks
    /// like one but cannot be read.
    static func read(_ path: String) throws -> SavedPlan? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path)", hint: "check the file's permissions")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains(marker) else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw CLIError("\(path):\(error.line):\(error.column): the plan file is not valid JSON: \(error.message)",
                hint: "the file may be truncated; run `iamconf plan --out \(path)` again")
        }
        guard let configuration = value["configuration"]?.stringValue, let state = value["state"]?.stringValue, let planJSON = value["plan"] else {
            throw CLIError("\(path) is missing members of a saved plan", hint: "run `iamconf plan --out \(path)` again")
        }
        if case let .number(version)? = value[marker], version != "1" {
            throw CLIError("\(path) was saved by a newer iamconf (plan format \(version))", hint: "upgrade iamconf or plan again")
        }
        do {
            return SavedPlan(configurationDirectory: configuration, statePath: state, plan: try PlanFile.decode(planJSON.compactText()))
        } catch {
            throw CLIError("\(path) is not a usable plan: \(error)", hint: "run `iamconf plan --out \(path)` again")
        }
    }
}
