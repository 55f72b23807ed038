using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Scheduling.Runs;

/// <summary>
/// The id of one scheduled run, used verbatim as the Step Functions execution name and the ledger key.
/// Scheme: <c>{job}-{yyyyMMdd}T{HHmmss}Z</c> from the slot's UTC scheduled time, e.g. <c>nightly-report-20261121T030000Z</c>.
/// Job names are 1–63 chars of <c>[0-9A-Za-z_-]</c>, so an id is at most 80 chars of the CloudWatch-safe execution-name
/// alphabet. The time suffix has a fixed length (17 chars with its dash), so two ids are equal only when job and time
/// are both equal: no collisions between jobs, whatever their names.
/// </summary>
public static partial class RunId
{
    public const int MaxJobNameLength = 63;
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const int SuffixLength = 17; // "-" + 16 chars of TimeFormat

    public static string For(string job, DateTimeOffset scheduledTime)
    {
        if (!IsValidJobName(job))
        {
            throw new ArgumentException($"'{job}' is not a valid job name: use 1-{MaxJobNameLength} characters of A-Z, a-z, 0-9, '-' and '_'.", nameof(job));
        }

        return job + "-" + scheduledTime.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
    }

    public static bool IsValidJobName(string? job) => job is { Length: > 0 and <= MaxJobNameLength } && JobNamePattern().IsMatch(job);

    /// <summary>Splits a scheduled run id back into job and time; false for manual executions' names.</summary>
    public static bool TryParse(string? runId, out string job, out DateTimeOffset scheduledTime)
    {
        job = "";
        scheduledTime = default;
        if (runId is null || runId.Length <= SuffixLength || runId[^SuffixLength] != '-')
        {
            return false;
        }

        var candidateJob = runId[..^SuffixLength];
        if (!IsValidJobName(candidateJob)
            || !DateTime.TryParseExact(runId[^(SuffixLength - 1)..], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return false;
        }

        job = candidateJob;
        scheduledTime = new DateTimeOffset(time, TimeSpan.Zero);
        return true;
    }

    [GeneratedRegex("^[0-9A-Za-z_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex JobNamePattern();
}
