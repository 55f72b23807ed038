using System.CommandLine;
using System.Collections.Immutable;
using Orchestrator.Templates;

namespace Orchestrator.Cli.Templates;

/// <summary>The --template and --parameter-overrides options shared by the template commands, and loading with clear errors.</summary>
internal static class TemplateFile
{
    public static Option<string> TemplateOption() => new("--template", "-t")
    {
        Description = "Path to the SAM template.",
        DefaultValueFactory = _ => "template.yaml",
    };

    public static Option<string[]> OverridesOption() => new("--parameter-overrides")
    {
        Description = "Template parameters as Key=Value (as for sam deploy). Parameters without a default get local placeholders.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Loads the template; null (with the reason on stderr) when the file or an override is unusable.</summary>
    public static SamTemplate? Load(string path, string[]? overrides, CliConsole console)
    {
        if (!File.Exists(path))
        {
            console.Error.WriteLine($"{path}: no such file. Run from the project folder or pass --template PATH.");
            return null;
        }

        return ParseOverrides(overrides, console) is { } parameters
            ? SamTemplate.Load(path, new TemplateLoadOptions { Mode = TemplateMode.Local, ParameterOverrides = parameters })
            : null;
    }

    /// <summary>Key=Value pairs as a dictionary; null (with the reason on stderr) when one is not Key=Value.</summary>
    public static ImmutableDictionary<string, string>? ParseOverrides(string[]? overrides, CliConsole console)
    {
        var parameters = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var pair in overrides ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                console.Error.WriteLine($"--parameter-overrides: '{pair}' is not Key=Value.");
                return null;
            }

            parameters[pair[..equals]] = pair[(equals + 1)..];
        }

        return parameters.ToImmutable();
    }
}
