using System.Runtime.CompilerServices;

namespace Orchestrator.StepFunctions;

/// <summary>Follows nextToken for the paged operations, so callers iterate items rather than pages.</summary>
public static class Paging
{
    public static async IAsyncEnumerable<ExecutionListItem> ListAllExecutionsAsync(
        this IStepFunctionsClient client,
        ListExecutionsRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var page = request;
        while (true)
        {
            var response = await client.ListExecutionsAsync(page, cancellationToken);
            foreach (var execution in response.Executions)
            {
                yield return execution;
            }

            if (string.IsNullOrEmpty(response.NextToken))
            {
                yield break;
            }

            // "Keep all other arguments unchanged" between pages (ListExecutions/GetExecutionHistory docs).
            page = page with { NextToken = response.NextToken };
        }
    }

    public static async IAsyncEnumerable<HistoryEvent> GetAllHistoryAsync(
        this IStepFunctionsClient client,
        GetExecutionHistoryRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var page = request;
        while (true)
        {
            var response = await client.GetExecutionHistoryAsync(page, cancellationToken);
            foreach (var historyEvent in response.Events)
            {
                yield return historyEvent;
            }

            if (string.IsNullOrEmpty(response.NextToken))
            {
                yield break;
            }

            page = page with { NextToken = response.NextToken };
        }
    }
}
