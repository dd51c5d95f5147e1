using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Runs the real <c>tollway</c> executable as a separate process, as an operator would.</summary>
public sealed class TollwayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private TollwayProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Runs a command to completion.</summary>
    public static async Task<TollwayProcess> RunAsync(string workingDirectory, params string[] arguments)
    {
        var process = Start(workingDirectory, arguments);
        await process.WaitForExitAsync();
        return process;
    }

    /// <summary>Waits (at most a minute) for the process to end by itself.</summary>
    public async Task WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        // The parameterless wait also waits for the redirected output to be fully read.
        _process.WaitForExit();
    }

    /// <summary>Starts a long-running command (<c>serve</c>).</summary>
    public static TollwayProcess Start(string workingDirectory, params string[] arguments) => Start(workingDirectory, null, arguments);

    /// <summary>Starts a command with extra environment variables (secrets such as a database connection string).</summary>
    public static TollwayProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Start(workingDirectory, environment, openFileLimit: null, arguments);

    /// <summary>Starts a command under an open-file limit, as <c>ulimit -n</c> in the shell that starts it would set
    /// (soft and hard, so the runtime cannot raise it).</summary>
    public static TollwayProcess StartWithOpenFileLimit(string workingDirectory, int openFileLimit, params string[] arguments) =>
        Start(workingDirectory, environment: null, openFileLimit, arguments);

    private static TollwayProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, int? openFileLimit, string[] arguments)
    {
        var start = new ProcessStartInfo(openFileLimit is null ? "dotnet" : "sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (openFileLimit is { } limit)
        {
            // The shell lowers its limit and becomes dotnet ("$0" "$@" are the arguments that follow), so the limit is
            // the gateway's own and no shell stays between the test and the process it signals.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ulimit -n {limit} && exec \"$0\" \"$@\""));
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tollway.dll"));
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new TollwayProcess(Process.Start(start)!);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop as a service manager would (SIGTERM) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
