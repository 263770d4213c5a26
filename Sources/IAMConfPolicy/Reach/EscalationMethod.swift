/// The ways a principal gains more access through IAM (and the services that run code as a role):
/// the edges of privilege-escalation paths, as PMapper and Rhino Security Labs name them.
///
/// https://github.com/nccgroup/PMapper (principalmapper/graphing/*_edges.py) and Rhino Security
/// Labs' "AWS IAM Privilege Escalation – Methods and Mitigation".
public enum EscalationMethod: String, Sendable, Hashable, CaseIterable {
    case assumeRole
    case createAccessKey
    case createLoginProfile
    case updateLoginProfile
    case updateAssumeRolePolicy
    case createPolicyVersion
    case setDefaultPolicyVersion
    case attachUserPolicy
    case attachGroupPolicy
    case attachRolePolicy
    case putUserPolicy
    case putGroupPolicy
    case putRolePolicy
    case addUserToGroup
    case deleteUserPermissionsBoundary
    case putUserPermissionsBoundary
    case deleteRolePermissionsBoundary
    case putRolePermissionsBoundary
    case passRoleToEC2
    case passRoleToLambda
    case passRoleToCloudFormation
    case passRoleToCodeBuild
    case passRoleToGlue
    case passRoleToSageMaker
    case passRoleToDataPipeline
    case passRoleToECS

    /// The name PMapper (its edge checker and reason) or, where PMapper has none, Rhino Security
    /// Labs gives the method.
    public var knownAs: String {
        switch self {
        case .assumeRole: return "PMapper STS edge: can assume the role"
        case .createAccessKey: return "PMapper IAM edge: can create access keys to authenticate as"
        case .createLoginProfile, .updateLoginProfile: return "PMapper IAM edge: can set the password to authenticate as"
        case .updateAssumeRolePolicy: return "PMapper IAM edge: can update the trust document to access"
        case .createPolicyVersion: return "PMapper admin check: can update an attached customer managed policy"
        case .setDefaultPolicyVersion: return "Rhino: setting the default policy version to an existing version"
        case .attachUserPolicy, .attachRolePolicy: return "PMapper admin check: can attach AdministratorAccess to itself"
        case .attachGroupPolicy: return "Rhino: attaching a policy to a group"
        case .putUserPolicy, .putRolePolicy: return "PMapper admin check: can modify its own inline policies"
        case .putGroupPolicy: return "Rhino: creating or updating an inline policy for a group"
        case .addUserToGroup: return "Rhino: adding a user to a group"
        case .deleteUserPermissionsBoundary, .deleteRolePermissionsBoundary: return "removing its own permissions boundary"
        case .putUserPermissionsBoundary, .putRolePermissionsBoundary: return "replacing its own permissions boundary"
        case .passRoleToEC2: return "PMapper EC2 edge: can use EC2 to run an instance with the role's instance profile"
        case .passRoleToLambda: return "PMapper Lambda edge: can create a function that runs as the role"
        case .passRoleToCloudFormation: return "PMapper CloudFormation edge: can create a stack that runs as the role"
        case .passRoleToCodeBuild: return "PMapper CodeBuild edge: can create and start a project that runs as the role"
        case .passRoleToGlue: return "PMapper Glue edge: can create a development endpoint that runs as the role"
        case .passRoleToSageMaker: return "PMapper SageMaker edge: can create a notebook instance that runs as the role"
        case .passRoleToDataPipeline: return "PMapper Data Pipeline edge: can create a pipeline that runs as the role"
        case .passRoleToECS: return "PMapper ECS edge: can run a task that runs as the role"
        }
    }

    /// The API call(s), as the text and JSON outputs name the method (`iam:CreateAccessKey`).
    public var title: String {
        switch self {
        case .assumeRole: return "sts:AssumeRole"
        case .passRoleToEC2: return "iam:PassRole + ec2:RunInstances"
        case .passRoleToLambda: return "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction"
        case .passRoleToCloudFormation: return "iam:PassRole + cloudformation:CreateStack"
        case .passRoleToCodeBuild: return "iam:PassRole + codebuild:CreateProject + codebuild:StartBuild"
        case .passRoleToGlue: return "iam:PassRole + glue:CreateDevEndpoint"
        case .passRoleToSageMaker: return "iam:PassRole + sagemaker:CreateNotebookInstance"
        case .passRoleToDataPipeline: return "iam:PassRole + datapipeline:CreatePipeline"
        case .passRoleToECS: return "iam:PassRole + ecs:RunTask"
        default:
            return Self.iamTitles[self] ?? rawValue
        }
    }

    /// `iam:CreateAccessKey` for `.createAccessKey`: made once, since the checks ask for it often.
    private static let iamTitles: [EscalationMethod: String] = Dictionary(uniqueKeysWithValues: allCases.map { method in
        (method, "iam:" + method.rawValue.prefix(1).uppercased() + method.rawValue.dropFirst())
    })

    /// For the PassRole methods: the service the role must trust, and what the caller must be
    /// allowed to make that service run code as the role (each inner list: any one of them).
    public var serviceLaunch: ServiceLaunch? {
        switch self {
        case .passRoleToEC2:
            return ServiceLaunch(service: "ec2.amazonaws.com", steps: [[.init("ec2:RunInstances", "arn:aws:ec2:{region}:{account}:instance/*")]])
        case .passRoleToLambda:
            return ServiceLaunch(service: "lambda.amazonaws.com", steps: [
                [.init("lambda:CreateFunction", "arn:aws:lambda:{region}:{account}:function:*")],
                [.init("lambda:InvokeFunction", "arn:aws:lambda:{region}:{account}:function:*"), .init("lambda:CreateEventSourceMapping", "*")],
            ])
        case .passRoleToCloudFormation:
            return ServiceLaunch(service: "cloudformation.amazonaws.com", steps: [[.init("cloudformation:CreateStack", "arn:aws:cloudformation:{region}:{account}:stack/*/*")]])
        case .passRoleToCodeBuild:
            return ServiceLaunch(service: "codebuild.amazonaws.com", steps: [
                [.init("codebuild:CreateProject", "arn:aws:codebuild:{region}:{account}:project/*")],
                [.init("codebuild:StartBuild", "arn:aws:codebuild:{region}:{account}:project/*")],
            ])
        case .passRoleToGlue:
            return ServiceLaunch(service: "glue.amazonaws.com", steps: [[.init("glue:CreateDevEndpoint", "arn:aws:glue:{region}:{account}:devEndpoint/*")]])
        case .passRoleToSageMaker:
            return ServiceLaunch(service: "sagemaker.amazonaws.com", steps: [
                [.init("sagemaker:CreateNotebookInstance", "arn:aws:sagemaker:{region}:{account}:notebook-instance/*")],
                [.init("sagemaker:CreatePresignedNotebookInstanceUrl", "arn:aws:sagemaker:{region}:{account}:notebook-instance/*")],
            ])
        case .passRoleToDataPipeline:
            return ServiceLaunch(service: "datapipeline.amazonaws.com", steps: [
                [.init("datapipeline:CreatePipeline", "*")],
                [.init("datapipeline:PutPipelineDefinition", "arn:aws:datapipeline:{region}:{account}:pipeline/*")],
            ])
        case .passRoleToECS:
            return ServiceLaunch(service: "ecs-tasks.amazonaws.com", steps: [
                [.init("ecs:RegisterTaskDefinition", "*")],
                [.init("ecs:RunTask", "arn:aws:ecs:{region}:{account}:task-definition/*")],
            ])
        default:
            return nil
        }
    }

    /// Its place in `allCases`: paths prefer the methods listed first when two are as short.
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Every action the method may ask about, screened once per policy (`ReachActions`).
    var screenedActions: [String] {
        var actions: [String]
        switch self {
        case .assumeRole: actions = ["sts:AssumeRole"]
        case .createAccessKey: actions = ["iam:CreateAccessKey", "iam:DeleteAccessKey"]
        case .updateAssumeRolePolicy: actions = ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"]
        case .passRoleToEC2: actions = ["iam:PassRole", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"]
        default: actions = serviceLaunch == nil ? [title] : ["iam:PassRole"]
        }
        return actions + (serviceLaunch?.steps.joined().map(\.action) ?? [])
    }
}

/// What it takes to make a service run code as a passed role.
public struct ServiceLaunch: Sendable, Hashable {
    public struct Request: Sendable, Hashable {
        public var action: String
        /// The resource asked about, with `{region}` and `{account}` to fill in. The name is `*`,
        /// which stands for a name the caller picks: policies that allow only some names are not counted.
        public var resourcePattern: String

        init(_ action: String, _ resourcePattern: String) {
            self.action = action
            self.resourcePattern = resourcePattern
        }

        func resource(region: String, account: String) -> String {
            resourcePattern.replacing("{region}", with: region).replacing("{account}", with: account)
        }
    }

    /// The service principal the passed role must trust.
    public var service: String
    /// Every inner list must have one allowed request.
    public var steps: [[Request]]
}
