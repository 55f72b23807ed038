using Amazon.Runtime;

namespace Orchestrator.StepFunctions;

/// <summary>
/// Credentials resolved on first use, so building the client does no I/O (the default chain may query
/// instance metadata). After that every call delegates to the resolved credentials, which refresh themselves.
/// </summary>
internal sealed class DeferredCredentials(Func<AWSCredentials> resolve) : AWSCredentials
{
    // PublicationOnly: a failed resolution (say, metadata briefly unreachable) is not cached; the next call tries again.
    private readonly Lazy<AWSCredentials> _resolved = new(resolve, LazyThreadSafetyMode.PublicationOnly);

    public override ImmutableCredentials GetCredentials() => _resolved.Value.GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => _resolved.Value.GetCredentialsAsync();
}
