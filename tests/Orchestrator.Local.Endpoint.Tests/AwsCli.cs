using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Orchestrator.Local.Endpoint.Tests;

/// <summary>
/// Runs the real AWS CLI v2 (Debian's /usr/bin/aws; a v1 `aws` may come first on PATH) against the local endpoint, with
/// dummy credentials and region in the child's environment only.
/// </summary>
internal static class AwsCli
{
    public const string Executable = "/usr/bin/aws";

    private const string BundledModel = "/usr/lib/python3/dist-packages/awscli/botocore/data/stepfunctions/2016-11-23/service-2.json";

    private static readonly Lazy<string?> DataPath = new(ExtendedModelDirectory);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonObject Json => JsonNode.Parse(Stdout)?.AsObject() ?? throw new InvalidOperationException("aws printed no JSON: " + Stderr);

        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    /// <summary>aws stepfunctions &lt;args&gt; --endpoint-url &lt;endpoint&gt; --output json --no-cli-pager.</summary>
    public static async Task<Result> StepFunctionsAsync(Uri endpoint, params string[] args)
    {
        Assert.True(File.Exists(Executable),
            $"{Executable} (AWS CLI v2) is missing: install it with `apt-get update && apt-get install -y awscli`. These tests drive the endpoint with the real CLI and are never skipped.");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("stepfunctions");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in new[] { "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json", "--no-cli-pager" })
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the machine's own AWS setup may leak in: dummy credentials, fixed region, no config files.
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDLOCALTEST";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local-secret";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_SESSION_TOKEN");
        start.Environment.Remove("AWS_ENDPOINT_URL");
        if (DataPath.Value is { } dataPath)
        {
            start.Environment["AWS_DATA_PATH"] = dataPath;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Executable);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Fails the test with the CLI's output unless it exited 0; returns its JSON.</summary>
    public static async Task<JsonObject> OkAsync(Uri endpoint, params string[] args)
    {
        var result = await StepFunctionsAsync(endpoint, args);
        Assert.True(result.ExitCode == 0, $"aws stepfunctions {string.Join(' ', args)} failed: {result}");
        return result.Stdout.Trim().Length == 0 ? [] : result.Json;
    }

    /// <summary>
    /// Debian's CLI (2.9) predates RedriveExecution (Nov 2023): its bundled model gains the operation and the redrive
    /// members of DescribeExecution, written to a private AWS_DATA_PATH that botocore searches before its own data.
    /// </summary>
    private static string? ExtendedModelDirectory()
    {
        if (!File.Exists(BundledModel))
        {
            return null;
        }

        var model = JsonNode.Parse(File.ReadAllText(BundledModel))!.AsObject();
        var operations = model["operations"]!.AsObject();
        if (operations.ContainsKey("RedriveExecution"))
        {
            return null;
        }

        var shapes = model["shapes"]!.AsObject();
        operations["RedriveExecution"] = JsonNode.Parse("""
            {"name":"RedriveExecution","http":{"method":"POST","requestUri":"/"},"input":{"shape":"RedriveExecutionInput"},
             "output":{"shape":"RedriveExecutionOutput"},"errors":[{"shape":"ExecutionNotRedrivable"}]}
            """);
        shapes["RedriveExecutionInput"] = JsonNode.Parse("""
            {"type":"structure","required":["executionArn"],"members":{"executionArn":{"shape":"Arn"},"clientToken":{"shape":"Name"}}}
            """);
        shapes["RedriveExecutionOutput"] = JsonNode.Parse("""{"type":"structure","required":["redriveDate"],"members":{"redriveDate":{"shape":"Timestamp"}}}""");
        shapes["ExecutionNotRedrivable"] = JsonNode.Parse("""{"type":"structure","members":{"message":{"shape":"ErrorMessage"}},"exception":true}""");
        var describe = shapes["DescribeExecutionOutput"]!["members"]!.AsObject();
        describe["redriveCount"] = JsonNode.Parse("""{"shape":"UnsignedInteger"}""");
        describe["redriveDate"] = JsonNode.Parse("""{"shape":"Timestamp"}""");
        describe["redriveStatus"] = JsonNode.Parse("""{"shape":"Name"}""");
        describe["redriveStatusReason"] = JsonNode.Parse("""{"shape":"Name"}""");
        var directory = Path.Combine(Path.GetTempPath(), "orchestrator-awscli-model-" + Environment.ProcessId);
        var target = Path.Combine(directory, "stepfunctions", "2016-11-23");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "service-2.json"), model.ToJsonString());
        return directory;
    }
}
