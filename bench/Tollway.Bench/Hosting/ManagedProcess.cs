using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Tollway.Bench.Hosting;

/// <summary>
/// A process the harness started (a server under test, the mock, wrk): optionally pinned to one core with
/// <c>taskset</c> (which execs, so the id is the server's own), its output kept in a log file, and killed with its
/// children when disposed so that nothing outlives the run.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ManagedProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ManagedProcess Start(
        string fileName, IEnumerable<string> arguments, string logPath, int? core,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo
        {
            FileName = core is null ? fileName : "taskset",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (core is { } pinned)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(pinned.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        // The gateway reads every TOLLWAY_ variable as its configuration: only what the arm sets may reach it.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("TOLLWAY_", StringComparison.Ordinal)).ToList())
        {
            if (environment?.ContainsKey(name) != true)
            {
                info.Environment.Remove(name);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var managed = new ManagedProcess(process, log);
        process.OutputDataReceived += (_, e) => managed.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => managed.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>The first output line that matches, or an exception when the process exits or the time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cancel.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new InvalidOperationException($"process {Id} did not print the expected line (exited: {HasExited}).");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        // Both output streams are drained only once the process has ended and WaitForExit returned.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cancel.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Writer.TryWrite(line);
        lock (_log)
        {
            // A key printed by the server under test (the gateway's first-run admin key) stays out of the log file.
            _log.WriteLine(line.Contains("tw-", StringComparison.Ordinal) ? "[line with a key omitted]" : line);
        }
    }
}
