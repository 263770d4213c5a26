import Foundation
import IAMConfBackend
import IAMConfEngine
import IAMConfQueryAPI
import Testing

@Suite struct CredentialsResolverTests {
    static func writeCredentialsFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "iamconf-creds-\(UUID().uuidString)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let file = """
        # comment
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = secret/default+
        [ci]
        aws_access_key_id=AKIACI
        aws_secret_access_key=secretci
        aws_session_token = tok==
        [broken]
        aws_access_key_id = AKIABROKEN
        """

    @Test func environmentWins() throws {
        let path = try Self.writeCredentialsFile(Self.file)
        let found = try CredentialsResolver.resolve(environment: [
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken",
            "AWS_SHARED_CREDENTIALS_FILE": path,
        ])
        #expect(found == AWSCredentials(accessKeyID: "AKIAENV", secretAccessKey: "envsecret", sessionToken: "envtoken"))
    }

    @Test func defaultAndNamedProfiles() throws {
        let path = try Self.writeCredentialsFile(Self.file)
        let byDefault = try CredentialsResolver.resolve(environment: ["AWS_SHARED_CREDENTIALS_FILE": path])
        #expect(byDefault == AWSCredentials(accessKeyID: "AKIADEFAULT", secretAccessKey: "secret/default+"))
        let named = try CredentialsResolver.resolve(environment: ["AWS_SHARED_CREDENTIALS_FILE": path, "AWS_PROFILE": "ci"])
        #expect(named == AWSCredentials(accessKeyID: "AKIACI", secretAccessKey: "secretci", sessionToken: "tok=="))
    }

    @Test func homeCredentialsFile() throws {
        let home = NSTemporaryDirectory() + "iamconf-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        try Self.file.write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
        #expect(try CredentialsResolver.resolve(environment: ["HOME": home])?.accessKeyID == "AKIADEFAULT")
    }

    @Test func problemsAreErrorsNotSilence() throws {
        let path = try Self.writeCredentialsFile(Self.file)
        let cases: [[String: String]] = [
            ["AWS_ACCESS_KEY_ID": "AKIAONLY"],
            ["AWS_SHARED_CREDENTIALS_FILE": path, "AWS_PROFILE": "missing"],
            ["AWS_SHARED_CREDENTIALS_FILE": path, "AWS_PROFILE": "broken"],
            ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/file", "AWS_PROFILE": "ci"],
        ]
        for environment in cases {
            #expect(throws: BackendError.self, "\(environment)") { try CredentialsResolver.resolve(environment: environment) }
        }
        #expect(try CredentialsResolver.resolve(environment: ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/file"]) == nil)
    }

    @Test func descriptionRedactsTheSecret() {
        let text = AWSCredentials(accessKeyID: "AKIA1", secretAccessKey: "very-secret").description
        #expect(!text.contains("very-secret"))
    }
}
