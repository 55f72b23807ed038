using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;
using Orchestrator.States.History;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>GetExecutionHistory: the engine's events (already in AWS's shape), oldest first or reversed, paged, with or without data.</summary>
internal sealed class GetExecutionHistory(StateMachineStore store)
    : WireOperation<GetExecutionHistoryRequest, HistoryPage>(WireJsonContext.Default.GetExecutionHistoryRequest, HistoryJsonContext.Default.HistoryPage)
{
    public override string Name => "GetExecutionHistory";

    public override ValueTask<Outcome<HistoryPage>> ExecuteAsync(GetExecutionHistoryRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(History(request));

    private Outcome<HistoryPage> History(GetExecutionHistoryRequest request)
    {
        if (request.ExecutionArn is not { } arn)
        {
            return ServiceError.MissingMember("executionArn");
        }

        if (Arns.Check(arn, "execution") is { } invalid)
        {
            return invalid;
        }

        var size = PageToken.PageSize(request.MaxResults);
        if (size.Error is { } badSize)
        {
            return badSize;
        }

        // The token is the id of the last event returned; ids only grow, so pages stay stable while the execution runs.
        long after = 0;
        if (request.NextToken is { } token && !PageToken.TryDecode(token, out after))
        {
            return ServiceError.InvalidToken(token);
        }

        if (store.Execution(arn) is not { } entry)
        {
            return ServiceError.ExecutionDoesNotExist(arn);
        }

        var reverse = request.ReverseOrder == true;
        IEnumerable<HistoryEvent> events = entry.Execution.History;
        events = reverse
            ? events.Reverse().Where(e => request.NextToken is null || e.Id < after)
            : events.Where(e => e.Id > after);
        var matching = events.Take(size.Value + 1).ToList();
        var page = matching.Take(size.Value).ToList();
        if (request.IncludeExecutionData == false)
        {
            page = page.Select(WithoutData).ToList();
        }

        return Outcome.Success(new HistoryPage(page, matching.Count > size.Value ? PageToken.Encode(page[^1].Id) : null));
    }

    // includeExecutionData=false: "leaves out input and output" of every event.
    private static HistoryEvent WithoutData(HistoryEvent e) => e with
    {
        ExecutionStartedEventDetails = e.ExecutionStartedEventDetails is { } started ? started with { Input = null } : null,
        ExecutionSucceededEventDetails = e.ExecutionSucceededEventDetails is { } succeeded ? succeeded with { Output = null } : null,
        StateEnteredEventDetails = e.StateEnteredEventDetails is { } entered ? entered with { Input = null } : null,
        StateExitedEventDetails = e.StateExitedEventDetails is { } exited ? exited with { Output = null } : null,
        TaskSubmittedEventDetails = e.TaskSubmittedEventDetails is { } submitted ? submitted with { Output = null } : null,
        TaskSucceededEventDetails = e.TaskSucceededEventDetails is { } taskSucceeded ? taskSucceeded with { Output = null } : null,
    };
}
