import ArgumentParser
import Foundation
import IAMConfOperations

/// Runs a command body, turning a `CLIError`, an `OperationError` (or any other error) into a message and exit 1.
func runReportingErrors(_ terminal: Terminal, _ body: () async throws -> Int32) async throws {
    let code: Int32
    do {
        code = try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CLIError {
        terminal.error(error.description)
        code = 1
    } catch let error as OperationError {
        terminal.error(error.description)
        code = 1
    } catch {
        terminal.error(String(describing: error))
        code = 1
    }
    if code != 0 { throw ExitCode(code) }
}
