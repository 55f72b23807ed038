using System.Globalization;
using System.Text;

namespace Orchestrator.Local.Endpoint.Protocol;

/// <summary>
/// Opaque nextToken: the position to resume from (an execution's sequence number or a history index), so a page does
/// not repeat or skip items when new executions start between calls.
/// </summary>
internal static class PageToken
{
    private const string Version = "local1:";

    /// <summary>AWS's default page size when maxResults is absent or 0.</summary>
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    public static string Encode(long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Version + position.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string token, out long position)
    {
        position = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(Version, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Version.Length), NumberStyles.None, CultureInfo.InvariantCulture, out position);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The page size for maxResults, or ValidationException outside 0..1000 as AWS answers.</summary>
    public static Outcome<int> PageSize(int? maxResults) => maxResults switch
    {
        null or 0 => Outcome.Success(DefaultPageSize),
        < 0 => ServiceError.Validation($"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0"),
        > MaxPageSize => ServiceError.Validation($"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {MaxPageSize}"),
        _ => Outcome.Success(maxResults.Value),
    };
}
