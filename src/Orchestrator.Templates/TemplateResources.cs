using System.Collections.Immutable;

namespace Orchestrator.Templates;

/// <summary>A resource with its properties resolved.</summary>
public sealed record TemplateResource
{
    public required string LogicalId { get; init; }

    public required string Type { get; init; }

    /// <summary>The Condition that decides whether it exists, if any.</summary>
    public string? Condition { get; init; }

    /// <summary>False when its Condition is false: CloudFormation would not create it.</summary>
    public bool IsCreated { get; init; } = true;

    public string? DeletionPolicy { get; init; }

    public string? UpdateReplacePolicy { get; init; }

    /// <summary>What <c>Ref</c> returns locally (a name or an ARN, by type).</summary>
    public required string PhysicalId { get; init; }

    public required MapValue Properties { get; init; }

    public int Line { get; init; }

    public string Location => $"Resources.{LogicalId}";
}

/// <summary>An <c>AWS::Serverless::StateMachine</c> with its definition file read and DefinitionSubstitutions applied.</summary>
public sealed record TemplateStateMachine
{
    public required string LogicalId { get; init; }

    public required string Name { get; init; }

    public required string Arn { get; init; }

    /// <summary>STANDARD (the default) or EXPRESS.</summary>
    public required string Type { get; init; }

    /// <summary>DefinitionUri as written, relative to the template.</summary>
    public string? DefinitionUri { get; init; }

    /// <summary>DefinitionUri resolved against the template's folder.</summary>
    public string? DefinitionPath { get; init; }

    public ImmutableSortedDictionary<string, string> Substitutions { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The definition as written (file text, or the inline Definition as JSON).</summary>
    public string? DefinitionTemplate { get; init; }

    /// <summary>The definition with every <c>${Key}</c> replaced by its substitution, as Step Functions receives it.</summary>
    public string? Definition { get; init; }

    /// <summary>The <c>${...}</c> placeholders the definition uses.</summary>
    public ImmutableSortedSet<string> Placeholders { get; init; } = ImmutableSortedSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    public string? RoleArn { get; init; }
}

public sealed record TableKey(string AttributeName, string KeyType);

public sealed record TableIndex(string IndexName, ImmutableArray<TableKey> KeySchema, string? ProjectionType);

/// <summary>An <c>AWS::DynamoDB::Table</c>'s shape.</summary>
public sealed record TemplateTable
{
    public required string LogicalId { get; init; }

    public required string TableName { get; init; }

    public required string Arn { get; init; }

    public string? BillingMode { get; init; }

    public ImmutableArray<TableKey> KeySchema { get; init; } = [];

    /// <summary>Attribute name → S, N or B.</summary>
    public ImmutableSortedDictionary<string, string> AttributeDefinitions { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableArray<TableIndex> GlobalSecondaryIndexes { get; init; } = [];

    /// <summary>The TTL attribute when TimeToLiveSpecification is enabled.</summary>
    public string? TimeToLiveAttribute { get; init; }

    public bool PointInTimeRecovery { get; init; }

    public string? DeletionPolicy { get; init; }
}

/// <summary>One container of an ECS task definition.</summary>
public sealed record TemplateContainer
{
    public required string Name { get; init; }

    public string? Image { get; init; }

    public ImmutableArray<string> Command { get; init; } = [];

    public ImmutableArray<string> EntryPoint { get; init; } = [];

    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>ECS's default is true.</summary>
    public bool Essential { get; init; } = true;

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public string? LogDriver { get; init; }

    public string? LogGroup { get; init; }

    public string? LogRegion { get; init; }

    public string? LogStreamPrefix { get; init; }
}

/// <summary>An <c>AWS::ECS::TaskDefinition</c>.</summary>
public sealed record TemplateTaskDefinition
{
    public required string LogicalId { get; init; }

    public required string Family { get; init; }

    /// <summary>The local task definition ARN (revision 1), what <c>Ref</c> returns.</summary>
    public required string Arn { get; init; }

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public string? NetworkMode { get; init; }

    public ImmutableArray<string> RequiresCompatibilities { get; init; } = [];

    public string? ExecutionRoleArn { get; init; }

    public string? TaskRoleArn { get; init; }

    public ImmutableArray<TemplateContainer> Containers { get; init; } = [];

    public TemplateContainer? Container(string name) =>
        Containers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>Whether a job's taskDefinition text names this task definition (ARN, family, or family:revision).</summary>
    public bool IsNamedBy(string reference) =>
        string.Equals(reference, Arn, StringComparison.Ordinal)
        || string.Equals(reference, Family, StringComparison.Ordinal)
        || string.Equals(reference, Family + ":1", StringComparison.Ordinal)
        || reference.EndsWith(":task-definition/" + Family, StringComparison.Ordinal);
}

/// <summary>One IAM policy statement of a role, resolved (values local mode cannot resolve keep their written form).</summary>
public sealed record TemplatePolicyStatement
{
    public required string RoleLogicalId { get; init; }

    /// <summary>The inline policy's name, or "AssumeRolePolicyDocument".</summary>
    public required string PolicyName { get; init; }

    public string? Sid { get; init; }

    public required string Effect { get; init; }

    public ImmutableArray<string> Actions { get; init; } = [];

    public ImmutableArray<string> Resources { get; init; } = [];

    /// <summary>The Condition block as JSON, if any.</summary>
    public string? Condition { get; init; }

    public required string Location { get; init; }
}

/// <summary>An <c>AWS::Serverless::Function</c> or <c>AWS::Lambda::Function</c>: what local mode needs to run it.</summary>
public sealed record TemplateFunction
{
    public required string LogicalId { get; init; }

    public required string FunctionName { get; init; }

    public required string Arn { get; init; }

    public string? Handler { get; init; }

    public string? Runtime { get; init; }

    public string? CodeUri { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? MemorySize { get; init; }

    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>An <c>AWS::Events::Rule</c>.</summary>
public sealed record TemplateEventRule
{
    public required string LogicalId { get; init; }

    public required string Name { get; init; }

    public required string Arn { get; init; }

    public string? Description { get; init; }

    /// <summary>The event pattern as JSON.</summary>
    public string? EventPattern { get; init; }

    public string? ScheduleExpression { get; init; }

    public string State { get; init; } = "ENABLED";

    public ImmutableArray<TemplateRuleTarget> Targets { get; init; } = [];
}

public sealed record TemplateRuleTarget(string Id, string Arn, string? Input, string? InputTransformer);
