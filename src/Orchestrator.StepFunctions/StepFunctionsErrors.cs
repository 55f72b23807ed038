using System.Net;
using System.Text.Json;

namespace Orchestrator.StepFunctions;

/// <summary>
/// Reads a JSON 1.0 error response and maps its error type to a typed exception.
/// The type comes from the body's "__type" ("com.amazonaws.states#ExecutionAlreadyExists" or plain) or,
/// failing that, the x-amzn-ErrorType header; AWS JSON clients drop everything up to '#' and after ':'.
/// </summary>
internal static class StepFunctionsErrors
{
    // Error codes that mean "slow down": retried with backoff, and surfaced as ThrottlingException.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "Throttling",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "KmsThrottlingException",
    };

    public static bool IsThrottling(string errorCode) => ThrottlingCodes.Contains(errorCode);

    public static StepFunctionsException Create(string errorCode, string message, int statusCode, string? requestId)
    {
        StepFunctionsException error = errorCode switch
        {
            "ExecutionAlreadyExists" => new ExecutionAlreadyExistsException(message, statusCode),
            "ExecutionDoesNotExist" => new ExecutionDoesNotExistException(message, statusCode),
            "ExecutionNotRedrivable" => new ExecutionNotRedrivableException(message, statusCode),
            "ExecutionLimitExceeded" => new ExecutionLimitExceededException(message, statusCode),
            "StateMachineDoesNotExist" => new StateMachineDoesNotExistException(message, statusCode),
            "StateMachineDeleting" => new StateMachineDeletingException(message, statusCode),
            "InvalidName" => new InvalidNameException(message, statusCode),
            "InvalidArn" => new InvalidArnException(message, statusCode),
            "InvalidExecutionInput" => new InvalidExecutionInputException(message, statusCode),
            "InvalidToken" => new InvalidTokenException(message, statusCode),
            "ValidationException" => new ValidationException(message, statusCode),
            _ when IsThrottling(errorCode) => new ThrottlingException(errorCode, message, statusCode),
            _ => new StepFunctionsException(errorCode, message, statusCode),
        };
        error.RequestId = requestId;
        return error;
    }

    /// <summary>Error code and message of a failed response; tolerates empty and non-JSON bodies (proxies, 502s).</summary>
    public static (string ErrorCode, string Message) Read(HttpStatusCode status, string? errorTypeHeader, ReadOnlySpan<byte> body)
    {
        string? type = null;
        string? message = null;
        if (!body.IsEmpty)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.String)
                        {
                            continue;
                        }

                        if (property.NameEquals("__type") || property.NameEquals("code"))
                        {
                            type ??= property.Value.GetString();
                        }
                        else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                        {
                            message ??= property.Value.GetString();
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall back to the header and the status line below.
            }
        }

        var code = Sanitize(type) ?? Sanitize(errorTypeHeader) ?? status.ToString();
        return (code, message ?? $"HTTP {(int)status} {status}");
    }

    private static string? Sanitize(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var code = type.AsSpan();
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        code = code.Trim();
        return code.IsEmpty ? null : code.ToString();
    }
}
