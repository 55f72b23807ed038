using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>ListStateMachines: by name, paged with an opaque nextToken.</summary>
internal sealed class ListStateMachines(StateMachineStore store)
    : WireOperation<PageRequest, ListStateMachinesResponse>(WireJsonContext.Default.PageRequest, WireJsonContext.Default.ListStateMachinesResponse)
{
    public override string Name => "ListStateMachines";

    public override ValueTask<Outcome<ListStateMachinesResponse>> ExecuteAsync(PageRequest request, CancellationToken cancellation) =>
        ValueTask.FromResult(List(request));

    private Outcome<ListStateMachinesResponse> List(PageRequest request)
    {
        var size = PageToken.PageSize(request.MaxResults);
        if (size.Error is { } invalid)
        {
            return invalid;
        }

        long skip = 0;
        if (request.NextToken is { } token && !PageToken.TryDecode(token, out skip))
        {
            return ServiceError.InvalidToken(token);
        }

        var all = store.Machines.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var page = all.Skip((int)Math.Min(skip, int.MaxValue)).Take(size.Value).Select(m => new StateMachineListItem
        {
            StateMachineArn = m.Arn,
            Name = m.Name,
            Type = m.Type,
            CreationDate = m.CreationDate,
        }).ToList();
        var next = skip + page.Count;
        return Outcome.Success(new ListStateMachinesResponse
        {
            StateMachines = page,
            NextToken = next < all.Count ? PageToken.Encode(next) : null,
        });
    }
}
