#!/usr/bin/env python3
"""Regenerates Sources/IAMConfPolicy/Resources/aws-managed-policies.json.

The policy documents are AWS's published managed policies. moto (installed for the endpoint tests)
ships a copy of them as a JSON string in moto/iam/aws_managed_policies.py; this script reads that
file as text, extracts the JSON data (no moto code is imported or copied) and keeps the common
policies listed below. Usage: python3 docs/scripts/extract-managed-policies.py > <json path>
"""
import json, os, sys, importlib.util

NAMES = [
    "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit",
    "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword", "IAMSelfManageServiceSpecificCredentials",
    "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess",
    "AmazonSSMManagedInstanceCore", "AmazonSSMFullAccess", "AmazonSSMReadOnlyAccess",
    "CloudWatchAgentServerPolicy", "CloudWatchFullAccess", "CloudWatchReadOnlyAccess", "CloudWatchLogsFullAccess",
    "CloudWatchLogsReadOnlyAccess", "AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole",
    "AWSLambda_FullAccess", "AWSLambda_ReadOnlyAccess", "AmazonDynamoDBFullAccess", "AmazonDynamoDBReadOnlyAccess",
    "AmazonSQSFullAccess", "AmazonSQSReadOnlyAccess", "AmazonSNSFullAccess", "AmazonSNSReadOnlyAccess",
    "AmazonRDSFullAccess", "AmazonRDSReadOnlyAccess", "AmazonVPCFullAccess", "AmazonVPCReadOnlyAccess",
    "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerRegistryPowerUser", "AmazonECS_FullAccess",
    "AmazonEKSClusterPolicy", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonRoute53FullAccess",
    "AmazonRoute53ReadOnlyAccess", "AWSCloudFormationFullAccess", "AWSCloudFormationReadOnlyAccess",
    "AWSCloudTrail_FullAccess", "AWSCloudTrail_ReadOnlyAccess", "AWSKeyManagementServicePowerUser",
    "SecretsManagerReadWrite", "AWSBillingReadOnlyAccess", "Billing", "AWSSupportAccess",
    "AmazonAPIGatewayAdministrator", "AWSCodeCommitFullAccess", "AWSCodeCommitReadOnly",
    "AWSOrganizationsFullAccess", "AWSOrganizationsReadOnlyAccess", "AWSConfigRole",
    "AmazonElasticFileSystemFullAccess", "AmazonKinesisFullAccess", "AWSStepFunctionsFullAccess",
    "DatabaseAdministrator", "NetworkAdministrator", "SystemAdministrator", "DataScientist", "SupportUser",
    "AWSXrayWriteOnlyAccess", "AmazonECSTaskExecutionRolePolicy", "AWSGlueServiceRole",
]

def source_path():
    spec = importlib.util.find_spec("moto")
    return os.path.join(os.path.dirname(spec.origin), "iam", "aws_managed_policies.py")

def main():
    text = open(source_path(), encoding="utf-8").read()
    start = text.index('"""') + 3
    data = json.loads(text[start:text.index('"""', start)])
    out = []
    for name in NAMES:
        entry = data.get(name)
        if entry is None:
            print(f"skipping {name}: not in the data", file=sys.stderr)
            continue
        path = entry.get("Path", "/")
        out.append({
            "name": name,
            "arn": f"arn:aws:iam::aws:policy{path}{name}",
            "path": path,
            "defaultVersionId": entry["DefaultVersionId"],
            "document": entry["Document"],
        })
    doc = {"source": "AWS managed policies as published by AWS; extracted from the data in moto "
                     "(moto/iam/aws_managed_policies.py) by docs/scripts/extract-managed-policies.py",
           "policies": out}
    json.dump(doc, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")

main()
