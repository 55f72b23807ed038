using System.Text.Json.Nodes;
using Orchestrator.States.Errors;

namespace Orchestrator.States.Execution;

/// <summary>What running one state produced: an output and where to go next (null = end of its workflow), or a failure.</summary>
internal abstract record StepResult;

internal sealed record StepSucceeded(JsonNode? Output, string? Next) : StepResult;

internal sealed record StepFailed(Failure Failure) : StepResult;

/// <summary>The result of running a whole workflow (top level, branch or iteration).</summary>
internal abstract record WorkflowResult;

internal sealed record WorkflowSucceeded(JsonNode? Output) : WorkflowResult;

/// <summary>A failed workflow; State and Input say where, so a redrive can resume there.</summary>
internal sealed record WorkflowFailed(Failure Failure, string State, JsonNode? Input) : WorkflowResult;
