import Foundation
import Testing

/// iamconf's endpoint backend end to end: the built binary against a real moto_server, checked
/// independently with boto3 (Fixtures/moto_iam.py).
///
/// One moto_server serves every suite nested in here, one test at a time (moto is one Python
/// process; parallel tests would only queue behind it). Each test starts with `POST /moto-api/reset`,
/// which also makes moto forget the temporary keys it issued: harmless, since every iamconf process
/// assumes its account roles afresh.
@Suite("Endpoint backend against moto_server", .motoServer, .serialized)
struct EndpointTests {
    /// A repository example and what a test needs to know about it.
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        /// The account ids it configures.
        var accounts: [String]
        /// Addresses of the users with a login profile (all with `password_reset_required`, explicit or by default).
        var loginProfiles: [String] = []

        var testDescription: String { name }

        /// The user names of `loginProfiles`, sorted.
        var loginProfileUsers: [String] { loginProfiles.compactMap { $0.split(separator: ".").last.map(String.init) }.sorted() }
    }

    static let examples = [
        Example(name: "cross-account", accounts: ["111111111111", "222222222222"], loginProfiles: ["source.user.alice"]),
        Example(name: "admins-group", accounts: ["333333333333"], loginProfiles: ["main.user.alice", "main.user.bob"]),
        Example(name: "ec2-instance-profile", accounts: ["444444444444"]),
        Example(name: "github-oidc", accounts: ["555555555555"]),
        Example(name: "mfa-protected-admin", accounts: ["666666666666"], loginProfiles: ["prod.user.dana"]),
    ]
}
