using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Orchestrator.StepFunctions;

/// <summary>How to reach Step Functions. Built once at startup (Main reads the environment) and never changed.</summary>
public sealed record StepFunctionsClientOptions
{
    /// <summary>Signing region, e.g. "us-east-1"; also picks the AWS endpoint when <see cref="ServiceUrl"/> is null.</summary>
    public required string Region { get; init; }

    /// <summary>Endpoint override for local mode, e.g. http://127.0.0.1:8083. Null means https://states.{region}.amazonaws.com.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>
    /// Called once, on the first request (no I/O at construction): the default walks AWSSDK.Core's chain
    /// (environment, profile, container/instance metadata). The returned credentials refresh themselves.
    /// </summary>
    public Func<AWSCredentials> ResolveCredentials { get; init; } = static () => DefaultAWSCredentialsIdentityResolver.GetCredentials(null);

    public StepFunctionsRetryOptions Retry { get; init; } = new();

    /// <summary>Upper bound for one HTTP attempt; the caller's token bounds the whole call.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => ServiceUrl ?? new Uri(
        Region.StartsWith("cn-", StringComparison.Ordinal)
            ? $"https://states.{Region}.amazonaws.com.cn/"
            : $"https://states.{Region}.amazonaws.com/");
}

/// <summary>
/// Bounded exponential backoff with full jitter for throttling, 5xx and transport failures.
/// Defaults follow AWS SDK "standard" retry mode: 3 attempts, 100 ms base (500 ms when throttled), 20 s cap.
/// </summary>
public sealed record StepFunctionsRetryOptions
{
    /// <summary>Total attempts including the first; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ThrottledBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);
}
