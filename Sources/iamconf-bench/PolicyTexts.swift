/// The policy documents of the policy-engine workload, as JSON text (the way users write them).
enum PolicyTexts {
    static let simple = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"]}]}
        """

    static let wildcard = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","dynamodb:*"],"Resource":"*"}]}
        """

    static let conditionHeavy = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"ReadWriteHome","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],
           "Resource":["arn:aws:s3:::data-${aws:PrincipalTag/team}","arn:aws:s3:::data-${aws:PrincipalTag/team}/home/${aws:username}/*"],
           "Condition":{"StringEquals":{"aws:PrincipalTag/team":["platform","data"]},"Bool":{"aws:SecureTransport":"true"},
                        "IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]},
                        "DateGreaterThan":{"aws:CurrentTime":"2024-01-01T00:00:00Z"},
                        "NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"}}},
          {"Sid":"Tables","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem","dynamodb:Query"],
           "Resource":"arn:aws:dynamodb:us-east-1:111111111111:table/platform-*",
           "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*","shared/*"]},"ForAnyValue:StringEquals":{"aws:PrincipalOrgID":["o-abc123","o-def456"]}}},
          {"Sid":"NoDeleteOutsideVPN","Effect":"Deny","Action":"s3:Delete*","Resource":"*",
           "Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
          {"Sid":"OwnObjects","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-reports/*",
           "Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc123"}}}]}
        """

    static let regionGuard = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"DenyOutsideRegions","Effect":"Deny","NotAction":["iam:*","sts:*","cloudfront:*"],"Resource":"*",
           "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}},
          {"Sid":"DenyNoMFA","Effect":"Deny","Action":"iam:*","Resource":"*",
           "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}
        """

    static let boundary = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:*","dynamodb:GetItem","dynamodb:Query","dynamodb:PutItem","logs:*"],"Resource":"*"},
          {"Effect":"Deny","Action":["iam:CreateUser","iam:DeleteRole*"],"Resource":"*"}]}
        """

    static let bucket = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"PartnerRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/Deploy"},
           "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::shared-reports","arn:aws:s3:::shared-reports/*"],
           "Condition":{"Bool":{"aws:SecureTransport":"true"}}},
          {"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::shared-reports/*",
           "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
        """
}
