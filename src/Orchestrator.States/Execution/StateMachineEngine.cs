using Orchestrator.States.History;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution;

/// <summary>Starts executions of loaded state machines with one set of options (clock, integrations, mocks).</summary>
public sealed class StateMachineEngine(EngineOptions options)
{
    public EngineOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>StartExecution: returns at once with a RUNNING execution; await <see cref="StateMachineExecution.Completion"/>.</summary>
    public StateMachineExecution Start(StateMachineDefinition definition, StartExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name ?? Guid.NewGuid().ToString();
        if (ExecutionNames.Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var identity = new ExecutionIdentity
        {
            Name = name,
            StateMachineArn = MachineArn(request.StateMachineName),
            StateMachineName = request.StateMachineName,
            RoleArn = request.RoleArn ?? (_defaultRole ??= $"arn:aws:iam::{Options.AccountId}:role/orchestrator-local"),
            StartTime = Options.Time.GetUtcNow(),
            // A parsed input is cloned by wrapping its element: nothing is copied until it is read.
            Input = JsonValues.Clone(request.Input),
        };
        var execution = new StateMachineExecution(new ExecutionRun(definition, Options, identity, new ExecutionHistory()));
        execution.Begin();
        return execution;
    }

    // ARN strings are the same for every execution of a machine: made once, not per start.
    // A reference (not a tuple) so a concurrent Start never reads one machine's name with another's ARN.
    private Tuple<string, string>? _lastMachine;
    private string? _defaultRole;

    private string MachineArn(string machineName)
    {
        if (Volatile.Read(ref _lastMachine) is { } last && string.Equals(last.Item1, machineName, StringComparison.Ordinal))
        {
            return last.Item2;
        }

        var arn = $"arn:aws:states:{Options.Region}:{Options.AccountId}:stateMachine:{machineName}";
        Volatile.Write(ref _lastMachine, Tuple.Create(machineName, arn));
        return arn;
    }

    /// <summary>Starts an execution and waits for it to end.</summary>
    public Task<ExecutionResult> RunAsync(StateMachineDefinition definition, StartExecutionRequest request) =>
        Start(definition, request).Completion;
}

/// <summary>StartExecution's name rules: 1-80 characters; no whitespace, brackets, wildcards, control characters or " # % \ ^ | ~ ` $ &amp; , ; : /.</summary>
public static class ExecutionNames
{
    private const string Forbidden = " <>{}[]?*\"#%\\^|~`$&,;:/";

    private static readonly System.Buffers.SearchValues<char> Plain = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>Why a name is invalid, or null when it is valid.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 80)
        {
            return $"Execution name '{name}' must be 1 to 80 characters long.";
        }

        // Fast path for the usual name (letters, digits, '-', '_', '.'): one vectorised scan instead of a check per character.
        if (!name.AsSpan().ContainsAnyExcept(Plain))
        {
            return null;
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || Forbidden.Contains(c, StringComparison.Ordinal) || c is '\uFFFE' or '\uFFFF')
            {
                return $"Execution name '{name}' contains '{c}', which is not allowed (no whitespace, brackets, wildcards or \" # % \\ ^ | ~ ` $ & , ; : /).";
            }
        }

        return null;
    }
}
