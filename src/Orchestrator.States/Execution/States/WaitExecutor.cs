using System.Text.Json.Nodes;
using Orchestrator.States.Errors;
using Orchestrator.States.Json;
using Orchestrator.States.Model;

namespace Orchestrator.States.Execution.States;

/// <summary>Wait: sleeps on the injected clock for Seconds(Path) or until Timestamp(Path), each possibly a JSONata expression; output is the input.</summary>
internal sealed class WaitExecutor : IStateExecutor
{
    public async ValueTask<StepResult> ExecuteAsync(StateRun run, JsonNode? input)
    {
        var state = (WaitState)run.State;
        var effective = run.DataFlow.EffectiveInput(state, input, run);
        var time = run.Frame.Execution.Time;
        var due = Due(state, effective, run, time.GetUtcNow());
        await Sleeper.SleepUntilAsync(time, due, run.Frame.Cancellation, run.Frame.Execution.Options.StartInline);
        return new StepSucceeded(run.DataFlow.PassThrough(state, null, effective, run), StateExecutors.NextOf(state));
    }

    private static DateTimeOffset Due(WaitState state, JsonNode? effective, StateRun run, DateTimeOffset now)
    {
        if (JsonataDataFlow.WaitUntil(state, effective, run, now) is { } jsonataDue)
        {
            return jsonataDue;
        }

        if (state.Seconds is { } seconds)
        {
            return now.AddSeconds(seconds);
        }

        if (state.Timestamp is { } timestamp)
        {
            return timestamp;
        }

        var evaluation = new PathEvaluation(effective, run);
        if (state.SecondsPath is { } secondsPath)
        {
            var value = evaluation.Resolve(secondsPath);
            var shown = $"{secondsPath.Text} == {Shown(value)}";
            if (!JsonValues.TryGetInt64(value, out var s))
            {
                throw new StatesException(StatesErrorNames.Runtime, "The SecondsPath parameter cannot be parsed as a long value: " + shown);
            }

            if (s < 0)
            {
                throw new StatesException(StatesErrorNames.Runtime, "The SecondsPath parameter references a negative value: " + shown);
            }

            return now.AddSeconds(s);
        }

        var timestampPath = state.TimestampPath!;
        var raw = evaluation.Resolve(timestampPath);
        if (!JsonValues.TryGetString(raw, out var text) || !Timestamps.TryParse(text, out var at))
        {
            throw new StatesException(StatesErrorNames.Runtime,
                $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {timestampPath.Text} == {Shown(raw)}");
        }

        return at;
    }

    /// <summary>Strings appear bare in AWS's messages, other values as JSON.</summary>
    private static string Shown(JsonNode? value) => JsonValues.TryGetString(value, out var s) ? s : JsonValues.ToJson(value);
}
