import ArgumentParser
import Foundation
import IAMConfCore
import IAMConfPolicy

/// `iamconf simulate REQUEST.json` — the raw policy engine, in AWS's `simulate-custom-policy` shape.
///
/// Exits 0 whatever the decisions are; 1 when the request cannot be read, naming the bad member.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Evaluate policies for actions and resources, like aws iam simulate-custom-policy.",
        discussion: """
            The request is JSON with SimulateCustomPolicy's members: CallerArn, CallerRoleArn, PolicyInputList, \
            PermissionsBoundaryPolicyInputList, SessionPolicyInputList, ServiceControlPolicyInputList, \
            ResourcePolicy, ResourceOwner, ActionNames, ResourceArns, ContextEntries. Policies may be JSON \
            objects or JSON strings. The context is exactly the given ContextEntries.

            Prints {"EvaluationResults": [...]} with one result per action and resource. Exits 0 whatever \
            the decisions; 1 when the request is malformed, naming the bad member.
            """)

    @Argument(help: "The request file, or - for standard input.")
    var request: String

    func run() throws {
        let text: String
        do {
            text = try readInput()
        } catch {
            FileHandle.standardError.write(Data("error: cannot read \(request): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        switch SimulationRequest.decode(text: text) {
        case let .failure(problem):
            FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
            throw ExitCode(1)
        case let .success(decoded):
            for warning in decoded.warnings {
                let place = [warning.address, warning.path].compactMap { $0 }.joined(separator: ": ")
                let line = DiagnosticRenderer.printable("warning: \(place): \(warning.summary) [\(warning.code)]")
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            let response = Simulation.response(decoded, Simulation.evaluate(decoded))
            print(response.prettyText())
        }
    }

    private func readInput() throws -> String {
        let data = request == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: request))
        guard let text = String(data: data, encoding: .utf8) else {
            throw CocoaError(.fileReadInapplicableStringEncoding)
        }
        return text
    }
}
