using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.States.Model;

/// <summary>ASL timestamps: RFC 3339 / ISO-8601 extended with an explicit offset, e.g. 2016-03-14T01:59:00Z.</summary>
public static partial class Timestamps
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Shape().IsMatch(text))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>The ISO-8601 form AWS prints in the context object and history, e.g. 2026-11-21T05:49:41.123Z.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
