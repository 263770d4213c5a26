import IAMConfCore
import IAMConfState

extension Workspace {
    /// The resource at `text` (its printed address) in `state`, for commands that name one
    /// (`state show`, `state rm`, `output`); an error that says how to find the right one.
    ///
    /// The exact printed form is tried first: names may contain `.` and `[`, which parsing alone
    /// could split differently from how the state prints them.
    public func resource(_ text: String, in state: State?) throws(OperationError) -> ResourceState {
        if let exact = state?.resources.values.first(where: { $0.address.description == text }) { return exact }
        guard let address = Address(parsing: text) else {
            throw OperationError(
                "'\(text)' is not a resource address, nor a configuration directory or file",
                hint: "addresses look like target.role.S3Access; `iamconf state list` shows them")
        }
        guard let state else {
            throw OperationError("there is no state at \(statePath)", hint: "run `iamconf apply` first, or pass --state")
        }
        guard let resource = state.resources[address] else {
            throw OperationError("no resource \(address) in the state", hint: "`iamconf state list` shows the addresses it holds")
        }
        return resource
    }
}
