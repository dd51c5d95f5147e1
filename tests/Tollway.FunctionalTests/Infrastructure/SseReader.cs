using System.Text;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Reads server-sent events off a response one at a time, exactly as they arrive.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next event's data payload, or <see langword="null"/> at the end of the stream.</summary>
    public async Task<string?> ReadDataAsync(CancellationToken cancellationToken)
    {
        string? data = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return data;
                }

                continue;
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line[5..].TrimStart();
            }
        }

        return data;
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Every remaining event's data.</summary>
    public async Task<List<string>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var events = new List<string>();
        while (await ReadDataAsync(cancellationToken) is { } data)
        {
            events.Add(data);
        }

        return events;
    }
}
