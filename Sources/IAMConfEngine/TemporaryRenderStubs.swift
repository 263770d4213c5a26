// DELETE at merge of branch `render`: stand-ins with the agreed signatures.
import IAMConfCore
import IAMConfState

public enum PlanRenderer {
    public static func text(_ plan: Plan, color: Bool) -> String { "\(plan.changes.count) changes" }
    public static func json(_ plan: Plan) -> String { "{}" }
}

public enum PlanFile {
    public static func encode(_ plan: Plan) -> String { "" }
    public static func decode(_ text: String) throws -> Plan { throw PlanFileStubError() }
}

struct PlanFileStubError: Error {}

public enum GraphRenderer {
    public static func dot(resources: [Resource]) -> String { "digraph iamconf {}" }
}

public enum StateRenderer {
    public static func text(_ state: State) -> String { "" }
    public static func resource(_ resource: ResourceState) -> String { "" }
    public static func json(_ state: State) -> String { "{}" }
}
