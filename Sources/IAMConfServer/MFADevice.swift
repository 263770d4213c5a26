import IAMConfTOTP

/// A user's virtual MFA device as the server knows it: its serial and the seed codes come from.
public struct MFADevice: Sendable, Hashable {
    /// `arn:aws:iam::ACCOUNT:mfa/NAME`, what `SerialNumber` names.
    public var serial: String
    /// The user the device is enabled for; only that user's requests may name it.
    public var userARN: String
    public var totp: TOTP

    public init(serial: String, userARN: String, totp: TOTP) {
        self.serial = serial
        self.userARN = userARN
        self.totp = totp
    }
}
