namespace Orchestrator.StepFunctions;

/// <summary>
/// Decides whether a failed attempt is worth another and how long to wait first.
/// Why not AWSSDK.Core's StandardRetryPolicy: it is driven by the SDK's internal request pipeline
/// (IExecutionContext, AmazonServiceException), which an HttpClient-based client does not have; the rule it
/// implements is small, so it is restated here: full-jitter exponential backoff, bounded attempts, capped delay.
/// </summary>
internal sealed class RetryBackoff(StepFunctionsRetryOptions options)
{
    public int MaxAttempts { get; } = Math.Max(1, options.MaxAttempts);

    /// <summary>Throttling, 5xx and 429 may succeed later; any other 4xx is the caller's mistake and will not.</summary>
    public static bool IsRetryable(int statusCode, string errorCode) =>
        statusCode >= 500 || statusCode == 429 || StepFunctionsErrors.IsThrottling(errorCode);

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2, 3, ...): uniform in [0, min(cap, base·2^(n-2))].</summary>
    public TimeSpan DelayBefore(int nextAttempt, bool throttled)
    {
        var baseDelay = throttled ? options.ThrottledBaseDelay : options.BaseDelay;
        var exponent = Math.Min(nextAttempt - 2, 30);
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));

        // Jitter only spreads load between callers; it needs no cryptographic randomness.
#pragma warning disable CA5394
        return TimeSpan.FromMilliseconds(ceiling * Random.Shared.NextDouble());
#pragma warning restore CA5394
    }
}
