/// The keys each object of the configuration language accepts, in documentation order.
///
/// One table drives the loader's unknown-key check (with its "did you mean"), and a test compares
/// it with `schemas/iamconf.schema.json`, so the editor schema and the loader cannot drift apart.
public enum ConfigurationKeys {
    public static let root = ["backend", "state", "accounts", "organization", "expectations", "lint"]
    public static let backend = ["kind", "url", "region"]
    public static let state = ["local", "s3", "postgres", "encrypt"]
    public static let stateLocal = ["path"]
    public static let stateS3 = ["bucket", "key", "region", "endpoint_url"]
    public static let statePostgres = ["url", "name"]
    public static let account = [
        "id", "alias", "access_role", "ownership", "root", "password_policy", "users", "groups", "roles", "policies",
        "instance_profiles", "identity_providers", "service_linked_roles", "buckets", "user_templates", "role_templates",
    ]
    public static let rootUser = ["email", "mfa"]
    public static let passwordPolicy = [
        "minimum_length", "require_symbols", "require_numbers", "require_uppercase", "require_lowercase",
        "allow_users_to_change", "max_age_days", "reuse_prevention", "hard_expiry",
    ]
    public static let user = [
        "template", "renamed_from", "path", "tags", "groups", "policies", "inline_policies", "permissions_boundary", "login_profile", "access_keys", "mfa",
    ]
    public static let loginProfile = ["password_reset_required"]
    public static let group = ["renamed_from", "path", "members", "policies", "inline_policies"]
    public static let role = [
        "template", "renamed_from", "path", "description", "max_session_duration", "tags", "permissions_boundary", "policies", "inline_policies",
        "trust", "trust_policy",
    ]
    public static let trust = ["accounts", "principals", "services", "federated", "require_mfa", "external_id", "conditions"]
    public static let policy = ["renamed_from", "path", "description", "tags", "document"]
    public static let instanceProfile = ["path", "role", "tags"]
    public static let identityProvider = ["type", "url", "client_ids", "thumbprints", "metadata_file", "tags"]
    public static let serviceLinkedRole = ["service", "suffix", "description"]
    public static let bucket = ["policy"]
    public static let expectation = ["name", "principal", "assume", "action", "resource", "context", "expect"]
    public static let lint = ["suppress"]
    public static let lintSuppression = ["code", "address", "reason"]
    public static let organization = ["management_account", "policies", "root", "accounts", "units"]
    public static let serviceControlPolicy = ["description", "document"]
    public static let organizationRoot = ["policies", "full_aws_access"]
    public static let organizationalUnit = ["policies", "full_aws_access", "accounts", "units"]
    public static let organizationAccount = ["policies", "full_aws_access"]

    /// Every table by the name of its definition in the JSON schema (`$defs`), `root` for the top.
    public static let byDefinition: [String: [String]] = [
        "root": root, "backend": backend, "state": state, "stateLocal": stateLocal, "stateS3": stateS3, "statePostgres": statePostgres,
        "account": account, "rootUser": rootUser,
        "passwordPolicy": passwordPolicy, "user": user, "loginProfile": loginProfile, "group": group,
        "role": role, "trust": trust, "policy": policy, "instanceProfile": instanceProfile,
        "identityProvider": identityProvider, "serviceLinkedRole": serviceLinkedRole, "bucket": bucket,
        "expectation": expectation, "lint": lint, "lintSuppression": lintSuppression,
        "organization": organization, "serviceControlPolicy": serviceControlPolicy, "organizationRoot": organizationRoot,
        "organizationalUnit": organizationalUnit, "organizationAccount": organizationAccount,
    ]
}
