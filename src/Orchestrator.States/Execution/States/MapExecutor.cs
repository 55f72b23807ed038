using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.History;
using Orchestrator.States.Json;
using Orchestrator.States.Model;
using Orchestrator.States.Paths;

namespace Orchestrator.States.Execution.States;

/// <summary>
/// Map (INLINE, or DISTRIBUTED with inline items): runs the item processor once per item, at most MaxConcurrency at a
/// time; the result is the array of iteration outputs in item order.
/// </summary>
internal sealed class MapExecutor : IStateExecutor
{
    public async ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (MapState)run.State;
        var flow = run.DataFlow;
        var effective = flow.EffectiveInput(state, input, run);
        var items = flow.Items(state, effective, run);
        var evaluation = new PathEvaluation(effective, run);
        var jsonata = state.Jsonata;
        var maxConcurrency = JsonataDataFlow.Count(jsonata?.MaxConcurrency, "MaxConcurrency", effective, run) ?? ReadInteger(state.MaxConcurrency, "MaxConcurrency", evaluation) ?? 0;
        var toleratedCount = JsonataDataFlow.Count(jsonata?.ToleratedFailureCount, "ToleratedFailureCount", effective, run) ?? ReadInteger(state.ToleratedFailureCount, "ToleratedFailureCount", evaluation);
        var toleratedPercentage = JsonataDataFlow.Percentage(jsonata?.ToleratedFailurePercentage, effective, run) ?? ReadPercentage(state.ToleratedFailurePercentage, evaluation);

        var frame = run.Frame;
        frame.Record(new HistoryEvent { Type = HistoryEventTypes.MapStateStarted, MapStateStartedEventDetails = new MapStateStartedEventDetails { Length = items.Count } });
        var inputs = new List<JsonNode?>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            inputs.Add(flow.ItemInput(state, effective, i, items[i], run));
        }

        var tolerant = toleratedCount is not null || toleratedPercentage is not null || state.Mode == MapMode.Distributed;
        var allowedFailures = AllowedFailures(items.Count, toleratedCount, toleratedPercentage);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation);
        using var slots = new SemaphoreSlim(maxConcurrency <= 0 ? Math.Max(1, items.Count) : (int)Math.Min(maxConcurrency, int.MaxValue));
        var outputs = new JsonNode?[items.Count];
        var failures = 0;
        WorkflowFailed? firstFailure = null;
        var gate = new Lock();
        var iterationFrames = new List<Frame>();
        var tasks = new List<Task>();
        for (var i = 0; i < items.Count; i++)
        {
            var index = i;
            var iterationFrame = frame.Child(cancellation.Token);
            iterationFrames.Add(iterationFrame);
            tasks.Add(RunIterationAsync(run, state, index, inputs[index], iterationFrame, slots, result =>
            {
                lock (gate)
                {
                    if (result is WorkflowSucceeded ok)
                    {
                        outputs[index] = ok.Output;
                        return;
                    }

                    failures++;
                    firstFailure ??= (WorkflowFailed)result;
                    if (failures > allowedFailures)
                    {
                        // Past the tolerated threshold the Map state fails: stop the remaining iterations.
                        cancellation.Cancel();
                    }
                }
            }));
        }

        await Task.WhenAll(tasks);
        if (iterationFrames.Count > 0)
        {
            frame.PreviousEventId = Math.Max(frame.PreviousEventId, iterationFrames.Max(f => f.PreviousEventId));
        }

        frame.Cancellation.ThrowIfCancellationRequested();
        if (failures > allowedFailures)
        {
            frame.Record(HistoryEventTypes.MapStateFailed);
            return new StepFailed(tolerant && state.Mode == MapMode.Distributed
                ? new Failure(StatesErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded")
                : firstFailure!.Failure);
        }

        frame.Record(HistoryEventTypes.MapStateSucceeded);
        return new StepSucceeded(flow.Output(state, input, new JsonArray(outputs), run), StateExecutors.NextOf(state));
    }

    private static int AllowedFailures(int count, long? toleratedCount, double? toleratedPercentage)
    {
        var allowed = 0L;
        if (toleratedCount is { } c)
        {
            allowed = Math.Max(allowed, c);
        }

        if (toleratedPercentage is { } p)
        {
            allowed = Math.Max(allowed, (long)Math.Floor(count * p / 100.0));
        }

        return (int)Math.Min(allowed, int.MaxValue);
    }

    private static async Task RunIterationAsync(StateRun run, MapState state, int index, JsonNode? input, Frame frame, SemaphoreSlim slots, Action<WorkflowResult> done)
    {
        try
        {
            await slots.WaitAsync(frame.Cancellation);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            frame.Record(new HistoryEvent { Type = HistoryEventTypes.MapIterationStarted, MapIterationStartedEventDetails = new MapIterationEventDetails { Name = state.Name, Index = index } });
            var result = await run.RunChildAsync(index, () => WorkflowRunner.RunAsync(state.Processor, input, frame));
            if (result is WorkflowSucceeded)
            {
                frame.Record(new HistoryEvent { Type = HistoryEventTypes.MapIterationSucceeded, MapIterationSucceededEventDetails = new MapIterationEventDetails { Name = state.Name, Index = index } });
            }
            else
            {
                frame.Record(new HistoryEvent { Type = HistoryEventTypes.MapIterationFailed, MapIterationFailedEventDetails = new MapIterationEventDetails { Name = state.Name, Index = index } });
            }

            done(result);
        }
        catch (OperationCanceledException) when (frame.Cancellation.IsCancellationRequested)
        {
            frame.Record(new HistoryEvent { Type = HistoryEventTypes.MapIterationAborted, MapIterationAbortedEventDetails = new MapIterationEventDetails { Name = state.Name, Index = index } });
        }
        finally
        {
            slots.Release();
        }
    }

    private static long? ReadInteger(NumberField field, string name, PathEvaluation evaluation)
    {
        if (field.Value is { } literal)
        {
            return (long)literal;
        }

        if (field.Path is not { } path)
        {
            return null;
        }

        var value = evaluation.Resolve(path);
        long number;
        if (!JsonValues.TryGetInt64(value, out number)
            && !(JsonValues.TryGetString(value, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)))
        {
            throw new StatesException(StatesErrorNames.Runtime, $"The {name}Path field refers to value \"{Shown(value)}\" which is not a valid integer: {path.Text}");
        }

        if (number < 0)
        {
            throw new StatesException(StatesErrorNames.Runtime, $"{name} cannot be negative.");
        }

        return number;
    }

    private static double? ReadPercentage(NumberField field, PathEvaluation evaluation)
    {
        if (field.Value is { } literal)
        {
            return literal;
        }

        if (field.Path is not JsonPathExpression path)
        {
            return null;
        }

        var value = evaluation.Resolve(path);
        double number;
        if (!JsonValues.TryGetDouble(value, out number)
            && !(JsonValues.TryGetString(value, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)))
        {
            throw new StatesException(StatesErrorNames.Runtime, $"The ToleratedFailurePercentagePath field refers to value \"{Shown(value)}\" which is not a valid float: {path.Text}");
        }

        if (number is < 0 or > 100)
        {
            throw new StatesException(StatesErrorNames.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
        }

        return number;
    }

    private static string Shown(JsonNode? value) => JsonValues.TryGetString(value, out var s) ? s : JsonValues.ToJson(value);
}
