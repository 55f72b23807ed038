using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Local;

/// <summary>
/// Local DynamoDB: dynalite (npm) as a child process on 127.0.0.1, in memory, stopped with local mode. Found in a
/// node_modules folder at or above the template's folder or the program's folder (`npm ci` in the repository installs it).
/// </summary>
public sealed class DynaliteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DynaliteProcess(Process process, int port)
    {
        _process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Endpoint { get; }

    public static async Task<DynaliteProcess> StartAsync(string searchFrom, CancellationToken cancellation)
    {
        var cli = Find(searchFrom) ?? Find(AppContext.BaseDirectory)
            ?? throw new LocalModeException($"dynalite (local DynamoDB) is not installed: run `npm ci` in the repository folder, or pass --dynamodb-endpoint URL. Looked in node_modules above {searchFrom}.");
        var port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LocalModeException("could not start node for dynalite");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new LocalModeException($"could not start `node` for dynalite ({ex.Message}): install Node.js 20 or later.");
        }

        var dynalite = new DynaliteProcess(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new LocalModeException($"dynalite exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellation)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellation);
                return dynalite;
            }
            catch (SocketException)
            {
                await Task.Delay(25, cancellation);
            }
        }

        await dynalite.DisposeAsync();
        throw new LocalModeException($"dynalite did not listen on port {port} within 20 s");
    }

    private static string? Find(string from)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(from)); dir is not null; dir = dir.Parent)
        {
            var cli = Path.Combine(dir.FullName, "node_modules", "dynalite", "cli.js");
            if (File.Exists(cli))
            {
                return cli;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        _process.Dispose();
    }
}

/// <summary>A problem local mode reports in words (bad template, missing tool): never a stack trace.</summary>
public sealed class LocalModeException(string message) : Exception(message);
