namespace Orchestrator.LambdaRuntime;

/// <summary>The process environment as the runtime loop sees it; tests pass a dictionary instead of touching the real one.</summary>
public interface ILambdaEnvironment
{
    string? Get(string name);

    /// <summary>Sets or, with null, removes a variable.</summary>
    void Set(string name, string? value);
}

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironment : ILambdaEnvironment
{
    public static ProcessEnvironment Instance { get; } = new();

    private ProcessEnvironment()
    {
    }

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}

/// <summary>What the runtime loop depends on besides the handler. Defaults are the real process, clock and stderr.</summary>
public sealed record LambdaRuntimeOptions
{
    public ILambdaEnvironment Environment { get; init; } = ProcessEnvironment.Instance;

    /// <summary>Drives the per-invocation deadline token.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the loop reports its own problems; Lambda ships stderr to CloudWatch Logs.</summary>
    public TextWriter Log { get; init; } = Console.Error;
}
