using Amazon.Runtime;

namespace Orchestrator.StepFunctions.Tests;

internal static class ClientFactory
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "eu-west-1";

    /// <summary>Millisecond backoff so retry tests stay fast; the retry rule itself is unchanged.</summary>
    public static StepFunctionsClient For(StepFunctionsPeer peer, int maxAttempts = 3, Func<AWSCredentials>? credentials = null) =>
        new(new StepFunctionsClientOptions
        {
            Region = Region,
            ServiceUrl = peer.Url,
            ResolveCredentials = credentials ?? (() => new BasicAWSCredentials(AccessKey, SecretKey)),
            Retry = new StepFunctionsRetryOptions
            {
                MaxAttempts = maxAttempts,
                BaseDelay = TimeSpan.FromMilliseconds(1),
                ThrottledBaseDelay = TimeSpan.FromMilliseconds(1),
            },
        });
}
