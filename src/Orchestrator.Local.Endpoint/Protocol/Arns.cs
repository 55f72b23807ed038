namespace Orchestrator.Local.Endpoint.Protocol;

/// <summary>The ARNs this endpoint issues: arn:aws:states:{region}:{account}:stateMachine:{name} and :execution:{machine}:{name}.</summary>
internal sealed record Arns(string Region, string AccountId)
{
    private string Prefix => $"arn:aws:states:{Region}:{AccountId}";

    public string StateMachine(string name) => $"{Prefix}:stateMachine:{name}";

    public string Execution(string stateMachineName, string executionName) => $"{Prefix}:execution:{stateMachineName}:{executionName}";

    /// <summary>Null when the text is a well-formed ARN of <paramref name="resourceType"/>; otherwise InvalidArn.</summary>
    public static ServiceError? Check(string arn, string resourceType)
    {
        // arn:partition:states:region:account:resourceType:...
        var parts = arn.Split(':');
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "states")
        {
            return ServiceError.InvalidArn(arn, "Resource type not valid in this context");
        }

        return parts[5] == resourceType ? null : ServiceError.InvalidArn(arn, $"Resource type not valid in this context: {parts[5]}");
    }
}
