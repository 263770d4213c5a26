/// Console passwords iamconf generates for `CreateLoginProfile` (YAML never carries one).
///
/// 24 characters with at least one upper-case letter, lower-case letter, digit and symbol, so the
/// strictest password policy AWS allows (up to 128 characters minimum is rare; 24 covers defaults
/// and the usual 14–20) accepts it.
enum GeneratedPassword {
    static let length = 24

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let classes = [
            Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), Array("abcdefghijkmnopqrstuvwxyz"), Array("23456789"),
            Array("!@#$%^&*()-_=+[]{}"),
        ]
        let all = classes.flatMap { $0 }
        var characters = classes.compactMap { $0.randomElement(using: &generator) }
        while characters.count < length {
            if let next = all.randomElement(using: &generator) { characters.append(next) }
        }
        characters.shuffle(using: &generator)
        return String(characters)
    }
}
