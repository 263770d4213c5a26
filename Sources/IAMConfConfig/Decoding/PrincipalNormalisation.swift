import IAMConfCore

/// Writes an AWS principal given as a bare account id (`"444455556666"`) as the ARN AWS stores
/// for it (`arn:aws:iam::444455556666:root`), so the two spellings plan the same and a read-back
/// shows no drift.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
enum PrincipalNormalisation {
    static func normalised(_ document: JSONValue) -> JSONValue {
        guard case let .object(members) = document else { return document }
        return .object(members.map { member in
            guard member.key == "Statement" else { return member }
            switch member.value {
            case let .array(statements): return (member.key, .array(statements.map(statement)))
            case let single: return (member.key, statement(single))
            }
        })
    }

    private static func statement(_ statement: JSONValue) -> JSONValue {
        guard case let .object(members) = statement else { return statement }
        return .object(members.map { member in
            guard member.key == "Principal" || member.key == "NotPrincipal", case let .object(types) = member.value else { return member }
            return (member.key, .object(types.map { type in
                type.key == "AWS" ? (type.key, principals(type.value)) : type
            }))
        })
    }

    private static func principals(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .string(text) where AccountID.isValid(text): return .string(ARN.root(account: text).description)
        case let .array(items): return .array(items.map(principals))
        default: return value
        }
    }
}
