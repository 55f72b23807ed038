namespace Orchestrator.Templates;

/// <summary>
/// Deterministic stand-ins for what CloudFormation returns from <c>Ref</c> and <c>Fn::GetAtt</c> on a resource, by type
/// (per the CloudFormation resource reference "Return values" of each type). A resource without an explicit name gets
/// <c>{stack}-{LogicalId}</c>, CloudFormation's generated name without the random suffix, so runs are repeatable.
/// </summary>
internal sealed record LocalPhysicalIds(string Region, string AccountId, string Partition, string UrlSuffix, string StackName)
{
    /// <summary>The property that names a resource of each type, when the template sets it.</summary>
    public static string? NameProperty(string type) => type switch
    {
        "AWS::DynamoDB::Table" => "TableName",
        "AWS::Serverless::StateMachine" => "Name",
        "AWS::StepFunctions::StateMachine" => "StateMachineName",
        "AWS::ECS::TaskDefinition" => "Family",
        "AWS::ECS::Cluster" => "ClusterName",
        "AWS::IAM::Role" => "RoleName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::Logs::LogGroup" => "LogGroupName",
        "AWS::Serverless::Function" or "AWS::Lambda::Function" => "FunctionName",
        "AWS::Events::Rule" => "Name",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::S3::Bucket" => "BucketName",
        "AWS::Scheduler::Schedule" => "Name",
        _ => null,
    };

    public string DefaultName(string logicalId) => $"{StackName}-{logicalId}";

    public static bool IsKnownType(string type) => NameProperty(type) is not null
        || type is "AWS::SNS::Subscription" or "AWS::SNS::TopicPolicy" or "AWS::Lambda::Permission";

    public string Ref(string type, string logicalId, string name) => type switch
    {
        "AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine" => Arn("states", $"stateMachine:{name}"),
        "AWS::ECS::TaskDefinition" => Arn("ecs", $"task-definition/{name}:1"),
        "AWS::SNS::Topic" => Arn("sns", name),
        "AWS::SQS::Queue" => $"https://sqs.{Region}.{UrlSuffix}/{AccountId}/{name}",
        "AWS::SNS::Subscription" => Arn("sns", $"{StackName}:{logicalId}"),
        _ => name,
    };

    /// <summary>The attribute's local value, or null when the type has no such attribute.</summary>
    public string? GetAtt(string type, string logicalId, string name, string attribute) => (type, attribute) switch
    {
        ("AWS::DynamoDB::Table", "Arn") => Arn("dynamodb", $"table/{name}"),
        ("AWS::DynamoDB::Table", "StreamArn") => Arn("dynamodb", $"table/{name}/stream/1970-01-01T00:00:00.000"),
        ("AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine", "Arn") => Arn("states", $"stateMachine:{name}"),
        ("AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine", "Name") => name,
        ("AWS::ECS::TaskDefinition", "TaskDefinitionArn") => Arn("ecs", $"task-definition/{name}:1"),
        ("AWS::ECS::Cluster", "Arn") => Arn("ecs", $"cluster/{name}"),
        ("AWS::IAM::Role", "Arn") => $"arn:{Partition}:iam::{AccountId}:role/{name}",
        ("AWS::IAM::Role", "RoleId") => "AROALOCAL" + logicalId.ToUpperInvariant(),
        ("AWS::SNS::Topic", "TopicArn") => Arn("sns", name),
        ("AWS::SNS::Topic", "TopicName") => name,
        ("AWS::Logs::LogGroup", "Arn") => Arn("logs", $"log-group:{name}:*"),
        ("AWS::Serverless::Function" or "AWS::Lambda::Function", "Arn") => Arn("lambda", $"function:{name}"),
        ("AWS::Events::Rule", "Arn") => Arn("events", $"rule/{name}"),
        ("AWS::SQS::Queue", "Arn") => Arn("sqs", name),
        ("AWS::SQS::Queue", "QueueName") => name,
        ("AWS::SQS::Queue", "QueueUrl") => $"https://sqs.{Region}.{UrlSuffix}/{AccountId}/{name}",
        ("AWS::S3::Bucket", "Arn") => $"arn:{Partition}:s3:::{name}",
        ("AWS::S3::Bucket", "DomainName") => $"{name}.s3.{UrlSuffix}",
        ("AWS::Scheduler::Schedule", "Arn") => Arn("scheduler", $"schedule/default/{name}"),
        _ => IsKnownType(type) ? null : Arn("local", $"{logicalId}/{attribute}"),
    };

    public static string KnownAttributes(string type) => type switch
    {
        "AWS::DynamoDB::Table" => "Arn, StreamArn",
        "AWS::Serverless::StateMachine" or "AWS::StepFunctions::StateMachine" => "Arn, Name",
        "AWS::ECS::TaskDefinition" => "TaskDefinitionArn",
        "AWS::IAM::Role" => "Arn, RoleId",
        "AWS::SNS::Topic" => "TopicArn, TopicName",
        "AWS::SQS::Queue" => "Arn, QueueName, QueueUrl",
        "AWS::S3::Bucket" => "Arn, DomainName",
        "AWS::SNS::Subscription" or "AWS::SNS::TopicPolicy" or "AWS::Lambda::Permission" => "none",
        _ => "Arn",
    };

    private string Arn(string service, string resource) => $"arn:{Partition}:{service}:{Region}:{AccountId}:{resource}";
}
