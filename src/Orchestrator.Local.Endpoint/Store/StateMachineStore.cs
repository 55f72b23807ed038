using System.Collections.Concurrent;
using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.States.Execution;

namespace Orchestrator.Local.Endpoint.Store;

/// <summary>The state machines and executions of one local endpoint, and the engine that runs them.</summary>
internal sealed class StateMachineStore(LocalStepFunctionsOptions options)
{
    private readonly ConcurrentDictionary<string, RegisteredStateMachine> _machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ExecutionEntry> _executions = new(StringComparer.Ordinal);

    // One lock per execution ARN: concurrent StartExecution calls for one name must create exactly one execution.
    private readonly ConcurrentDictionary<string, Lock> _nameLocks = new(StringComparer.Ordinal);
    private long _sequence;

    public LocalStepFunctionsOptions Options { get; } = options;

    public StateMachineEngine Engine { get; } = new(options.Engine);

    public Arns Arns { get; } = new(options.Engine.Region, options.Engine.AccountId);

    /// <summary>Serializes CreateStateMachine so "same name, same definition" is decided once.</summary>
    public Lock MachinesGate { get; } = new();

    public DateTimeOffset Now => Options.Engine.Time.GetUtcNow();

    public IEnumerable<RegisteredStateMachine> Machines => _machines.Values;

    public IEnumerable<ExecutionEntry> Executions => _executions.Values;

    public RegisteredStateMachine? Machine(string arn) => _machines.GetValueOrDefault(arn);

    public void Put(RegisteredStateMachine machine) => _machines[machine.Arn] = machine;

    public bool Remove(string arn) => _machines.TryRemove(arn, out _);

    public ExecutionEntry? Execution(string arn) => _executions.GetValueOrDefault(arn);

    public Lock NameLock(string executionArn) => _nameLocks.GetOrAdd(executionArn, _ => new Lock());

    /// <summary>Records a started execution and reports it when it closes. Call under the execution's name lock.</summary>
    public ExecutionEntry Add(StateMachineExecution execution, RegisteredStateMachine machine, string inputText, string? traceHeader)
    {
        var entry = new ExecutionEntry(execution, machine, inputText, Interlocked.Increment(ref _sequence), traceHeader);
        _executions[execution.ExecutionArn] = entry;
        ReportWhenClosed(entry, execution.Completion);
        return entry;
    }

    /// <summary>Calls <see cref="LocalStepFunctionsOptions.ExecutionClosed"/> when this run (first or redriven) ends.</summary>
    public void ReportWhenClosed(ExecutionEntry entry, Task<ExecutionResult> completion)
    {
        if (Options.ExecutionClosed is not { } listener)
        {
            return;
        }

        _ = completion.ContinueWith(
            async _ =>
            {
#pragma warning disable CA1031 // A failing listener must not take the endpoint down; the execution is closed either way.
                try
                {
                    await listener(StatusChange(entry), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception)
                {
                }
#pragma warning restore CA1031
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    /// <summary>The EventBridge "Step Functions Execution Status Change" detail for the execution as it is now.</summary>
    public static ExecutionStatusChange StatusChange(ExecutionEntry entry)
    {
        var view = entry.View();
        return new ExecutionStatusChange
        {
            ExecutionArn = entry.Execution.ExecutionArn,
            StateMachineArn = entry.Machine.Arn,
            Name = entry.Execution.Name,
            Status = view.Status,
            StartDate = entry.Execution.StartDate.ToUnixTimeMilliseconds(),
            StopDate = view.StopDate?.ToUnixTimeMilliseconds(),
            Input = entry.InputText,
            Output = view.Output,
            Error = view.Error,
            Cause = view.Cause,
            RedriveCount = view.RedriveCount,
            RedriveDate = view.RedriveDate?.ToUnixTimeMilliseconds(),
            RedriveStatus = view.RedriveStatus,
            RedriveStatusReason = view.RedriveStatusReason,
        };
    }
}
