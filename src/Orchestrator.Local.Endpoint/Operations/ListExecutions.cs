using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>ListExecutions: one state machine's executions, newest first, filtered by status or redrive, paged.</summary>
internal sealed class ListExecutions(StateMachineStore store)
    : WireOperation<ListExecutionsRequest, ListExecutionsResponse>(WireJsonContext.Default.ListExecutionsRequest, WireJsonContext.Default.ListExecutionsResponse)
{
    private static readonly string[] Statuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

    public override string Name => "ListExecutions";

    public override ValueTask<Outcome<ListExecutionsResponse>> ExecuteAsync(ListExecutionsRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(List(request));

    private Outcome<ListExecutionsResponse> List(ListExecutionsRequest request)
    {
        if (request.MapRunArn is not null)
        {
            return ServiceError.Validation("Map Runs (Distributed Map) are not supported by the local endpoint; give a stateMachineArn.");
        }

        if (request.StateMachineArn is not { } machineArn)
        {
            return ServiceError.Validation("Must provide a StateMachine ARN or MapRun ARN");
        }

        if (Arns.Check(machineArn, "stateMachine") is { } invalid)
        {
            return invalid;
        }

        if (request.StatusFilter is { } status && !Statuses.Contains(status))
        {
            return ServiceError.Validation($"1 validation error detected: Value '{status}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Statuses)}]");
        }

        if (request.RedriveFilter is not (null or "REDRIVEN" or "NOT_REDRIVEN"))
        {
            return ServiceError.Validation($"1 validation error detected: Value '{request.RedriveFilter}' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]");
        }

        var size = PageToken.PageSize(request.MaxResults);
        if (size.Error is { } badSize)
        {
            return badSize;
        }

        // The token is the sequence of the last execution returned: later pages hold only older executions.
        var before = long.MaxValue;
        if (request.NextToken is { } token && !PageToken.TryDecode(token, out before))
        {
            return ServiceError.InvalidToken(token);
        }

        if (store.Machine(machineArn) is null)
        {
            return ServiceError.StateMachineDoesNotExist(machineArn);
        }

        var matching = store.Executions
            .Where(e => e.Machine.Arn == machineArn && e.Sequence < before)
            .Select(e => (Entry: e, View: e.View()))
            .Where(e => request.StatusFilter is null || e.View.Status == request.StatusFilter)
            .Where(e => request.RedriveFilter switch
            {
                "REDRIVEN" => e.View.RedriveCount > 0,
                "NOT_REDRIVEN" => e.View.RedriveCount == 0,
                _ => true,
            })
            .OrderByDescending(e => e.Entry.Sequence)
            .Take(size.Value + 1)
            .ToList();
        var page = matching.Take(size.Value).ToList();
        return Outcome.Success(new ListExecutionsResponse
        {
            Executions = page.Select(e => new ExecutionListItem
            {
                ExecutionArn = e.Entry.Execution.ExecutionArn,
                StateMachineArn = machineArn,
                Name = e.Entry.Execution.Name,
                Status = e.View.Status,
                StartDate = e.Entry.Execution.StartDate,
                StopDate = e.View.StopDate,
                RedriveCount = e.View.RedriveCount,
                RedriveDate = e.View.RedriveDate,
            }).ToList(),
            NextToken = matching.Count > size.Value ? PageToken.Encode(page[^1].Entry.Sequence) : null,
        });
    }
}
