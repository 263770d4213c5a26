import Foundation
import IAMConfBackend

/// What an IAM endpoint does differently from AWS IAM, and how `HTTPBackend` copes: the one place
/// for every moto_server workaround (each one is listed in docs/endpoint-quirks.md).
///
/// iamconf stays correct for AWS: with `.none` (every AWS endpoint) nothing here changes a call.
/// The flags say what the endpoint cannot do; they never make iamconf send something AWS would
/// refuse. The quirks are detected once per backend (`detect`) or given in the configuration.
public struct EndpointQuirks: Sendable, Hashable {
    /// GetUser never reports `PermissionsBoundary` (moto 5.2.1 drops it on CreateUser, does not return
    /// it from GetUser, and does not implement Put/DeleteUserPermissionsBoundary). AWS omits the element
    /// when no boundary is set, so an absent element cannot tell "none" from "never reported": a user
    /// read then lists `permissions_boundary` in `IAMResponse.unreported`.
    /// (moto does report a role's boundary from GetRole, so roles are not affected.)
    public var omitsUserPermissionsBoundary: Bool
    /// UpdateLoginProfile without `Password` deletes the login profile (moto 5.2.1) instead of only
    /// changing `PasswordResetRequired`: such a call is refused with `.unsupported` rather than sent.
    public var updateLoginProfileWithoutPasswordDeletesIt: Bool

    public init(omitsUserPermissionsBoundary: Bool = false, updateLoginProfileWithoutPasswordDeletesIt: Bool = false) {
        self.omitsUserPermissionsBoundary = omitsUserPermissionsBoundary
        self.updateLoginProfileWithoutPasswordDeletesIt = updateLoginProfileWithoutPasswordDeletesIt
    }

    /// An endpoint that behaves as AWS IAM documents.
    public static let none = EndpointQuirks()
    /// moto_server 5.2.1 (measured: /work/shared/notes/moto-endpoint.md, section 4).
    public static let motoServer = EndpointQuirks(
        omitsUserPermissionsBoundary: true, updateLoginProfileWithoutPasswordDeletesIt: true)

    /// The attributes a read of `request` can never report on this endpoint.
    public func unreported(by request: IAMRequest) -> Set<String> {
        if case .getUser = request, omitsUserPermissionsBoundary { return ["permissions_boundary"] }
        return []
    }

    /// Refuses a call this endpoint would perform wrongly, before it is sent.
    func refuse(_ request: IAMRequest) throws(BackendError) {
        if case .updateLoginProfile(_, _, newPassword: false) = request, updateLoginProfileWithoutPasswordDeletesIt {
            throw BackendError(
                .unsupported,
                "this endpoint deletes the login profile on UpdateLoginProfile without a password; "
                    + "send it with a new password instead")
        }
    }

    /// The call that makes a new login profile's `PasswordResetRequired` what was asked, when the
    /// CreateLoginProfile answer (`root`) reports another value; nil when it was honoured.
    ///
    /// moto 5.2.1 ignores the flag on CreateLoginProfile and reports the user's previous value (false
    /// at first). The repair is UpdateLoginProfile with the same `Password` and the flag: without the
    /// password moto would delete the profile. AWS honours the flag, so on AWS this never fires.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_LoginProfile.html
    static func resetFlagRepair(after request: IAMRequest, answer root: WireElement, password: String?) -> QueryCall? {
        guard case let .createLoginProfile(user, asked) = request, let password,
            let reported = root.at("CreateLoginProfileResult", "LoginProfile", "PasswordResetRequired")?.text
        else { return nil }
        guard (reported.trimmingCharacters(in: .whitespaces).lowercased() == "true") != asked else { return nil }
        return QueryCall(
            service: .iam, action: "UpdateLoginProfile",
            parameters: [
                QueryParameter("UserName", user), QueryParameter("Password", password),
                QueryParameter("PasswordResetRequired", asked ? "true" : "false"),
            ])
    }

    /// Asks the endpoint what it is, once: AWS hosts (`*.amazonaws.com`, `*.amazonaws.com.cn`) have no
    /// quirks; any other endpoint gets one unsigned `GET /moto-api/`, which moto_server answers with
    /// its dashboard (HTTP 200, `<title>Moto`). nil when that probe got no answer (try again later).
    static func detect(endpoint: URL, transport: HTTPTransport) async -> EndpointQuirks? {
        let host = endpoint.host?.lowercased() ?? ""
        if host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn") { return EndpointQuirks.none }
        var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)
        components?.path = "/moto-api/"
        components?.query = nil
        guard let url = components?.url else { return EndpointQuirks.none }
        let request = PreparedRequest(method: "GET", url: url, headers: [QueryParameter("Host", QueryClient.hostHeader(url))], body: [])
        guard case let .success(answer) = await transport.exchange(request) else { return nil }
        return isMotoDashboard(status: answer.status, body: answer.body) ? .motoServer : EndpointQuirks.none
    }

    static func isMotoDashboard(status: Int, body: Data) -> Bool {
        status == 200 && String(decoding: body.prefix(4096), as: UTF8.self).contains("<title>Moto")
    }
}

/// Detects the quirks at most once per backend, on the first call that needs them.
actor EndpointQuirksCache {
    private var known: EndpointQuirks?
    private var probe: Task<EndpointQuirks?, Never>?

    init(known: EndpointQuirks?) { self.known = known }

    func quirks(endpoint: URL, transport: HTTPTransport) async -> EndpointQuirks {
        if let known { return known }
        let probe = self.probe ?? Task { await EndpointQuirks.detect(endpoint: endpoint, transport: transport) }
        self.probe = probe
        let found = await probe.value
        if let found { known = found } else { self.probe = nil }
        return found ?? EndpointQuirks.none
    }
}
