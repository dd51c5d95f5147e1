using System.Globalization;

namespace Tollway.Gateway.Pipeline.Overload;

/// <summary>
/// The process's open-file limit (<c>RLIMIT_NOFILE</c>): every client connection and every upstream request holds a
/// descriptor, and a process that runs out of them fails in ways that are hard to recover from (the gateway once died
/// with <c>Out of memory.</c> at its limit; see bench/NOTES.md).
/// </summary>
/// <remarks>
/// Read from <c>/proc/self/limits</c> rather than through <c>getrlimit</c>: the same number on Linux, the only platform
/// the gateway is run on in production, without unsafe code. It is read after the .NET runtime has raised the soft
/// limit to the hard one, as it does at start, so it is the limit actually in force.
/// </remarks>
internal static class OpenFileLimit
{
    private const string LimitsFile = "/proc/self/limits";

    private const string Row = "Max open files";

    /// <summary>The soft limit in force, or <see langword="null"/> where it cannot be known (not Linux) or is unlimited.</summary>
    public static long? Read()
    {
        try
        {
            return File.Exists(LimitsFile) ? Parse(File.ReadAllText(LimitsFile)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The soft limit in the text of a <c>/proc/PID/limits</c> file (the first number of its
    /// <c>Max open files</c> row), or <see langword="null"/> when the row is missing or says <c>unlimited</c>.</summary>
    public static long? Parse(string limits)
    {
        foreach (var line in limits.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(Row, StringComparison.Ordinal))
            {
                continue;
            }

            var values = line[Row.Length..].TrimStart();
            var end = values.IndexOf(' ');
            var soft = end < 0 ? values : values[..end];
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null;
        }

        return null;
    }
}
