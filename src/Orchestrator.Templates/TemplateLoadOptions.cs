using System.Collections.Immutable;

namespace Orchestrator.Templates;

/// <summary>How strictly missing parameters are treated.</summary>
public enum TemplateMode
{
    /// <summary>As CloudFormation: a parameter without a Default must be given.</summary>
    Deploy,

    /// <summary>Offline: a missing parameter gets a placeholder (e.g. <c>local-subnet</c>) and a warning.</summary>
    Local,
}

/// <summary>The values CloudFormation would supply at deploy time, with local stand-ins.</summary>
public sealed record TemplateLoadOptions
{
    public TemplateMode Mode { get; init; } = TemplateMode.Local;

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    public string Partition { get; init; } = "aws";

    public string UrlSuffix { get; init; } = "amazonaws.com";

    /// <summary>The stack name; when null, samconfig.toml's stack_name beside the template, else "local".</summary>
    public string? StackName { get; init; }

    public ImmutableDictionary<string, string> ParameterOverrides { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Reads `sam deploy --parameter-overrides` text: space-separated <c>Key=Value</c> pairs (values may be quoted and
    /// may hold commas for list parameters) or the CloudFormation form <c>ParameterKey=Key,ParameterValue=Value</c>.
    /// </summary>
    public static ImmutableDictionary<string, string> ParseParameterOverrides(string text, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<string>();
        problems = found;
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var token in Tokens(text))
        {
            const string KeyPrefix = "ParameterKey=";
            const string ValuePart = ",ParameterValue=";
            if (token.StartsWith(KeyPrefix, StringComparison.Ordinal) && token.IndexOf(ValuePart, StringComparison.Ordinal) is var split and > 0)
            {
                result[token[KeyPrefix.Length..split]] = token[(split + ValuePart.Length)..];
            }
            else if (token.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                result[token[..equals]] = token[(equals + 1)..];
            }
            else
            {
                found.Add($"'{token}' is not Name=Value; write e.g. SubnetIds=subnet-1,subnet-2");
            }
        }

        return result.ToImmutable();
    }

    // Splits on spaces outside quotes and drops the quotes, as a shell would for one argument.
    private static IEnumerable<string> Tokens(string text)
    {
        var current = new System.Text.StringBuilder();
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is null && c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else if (quote is null && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
