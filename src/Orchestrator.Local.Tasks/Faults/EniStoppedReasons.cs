using System.Collections.Immutable;

namespace Orchestrator.Local.Tasks.Faults;

/// <summary>
/// The StoppedReason texts real Fargate tasks carry when their network interface could not be set up (StopCode
/// TaskFailedToStart), in every spelling seen: sources differ in case and trailing period, so a classifier must match
/// by pattern. Source: shared reference aws-semantics.md §2.1.
/// </summary>
public static class EniStoppedReasons
{
    public static ImmutableArray<string> All { get; } =
    [
        "Timeout waiting for network interface provisioning to complete.",
        "Timeout waiting for network interface provisioning to complete",
        "Network interface provision complete error timeout wait for network interface provision.",
        "Network interface provision complete error timeout wait for network interface provision",
        "network interface provision complete error timeout wait for network interface provision.",
        "Rate limit exceeded while preparing network interface to be attached to instance",
        "ResourceInitializationError: failed to configure ENI: failed to setup regular eni: netplugin failed with no error message",
        "Unexpected EC2 error while attempting to attach network interface to instance",
    ];
}
