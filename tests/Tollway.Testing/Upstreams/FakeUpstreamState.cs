using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// What the tests steer and observe, shared between the public <see cref="FakeOpenAiUpstream"/> and the
/// request handler. Lock-free so thousands of concurrent benchmark streams do not contend on it.
/// </summary>
internal sealed class FakeUpstreamState : IDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<UpstreamFault> _faults = new();
    private readonly CancellationTokenSource _stopping = new();
    private UpstreamFault? _defaultFault;
    private int _requestCount;
    private volatile bool _recordRequests = true;

    // Captured once: reading Token from a disposed source throws, and handlers may still run after disposal.
    public FakeUpstreamState() => Stopping = _stopping.Token;

    public CancellationToken Stopping { get; }

    public bool RecordRequests
    {
        get => _recordRequests;
        set => _recordRequests = value;
    }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public int RequestCount => Volatile.Read(ref _requestCount);

    public void Observe(HttpRequest request, byte[] body)
    {
        if (_recordRequests)
        {
            var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers)
            {
                headers[name] = values.ToString();
            }

            _requests.Enqueue(new RecordedRequest(
                request.Method,
                request.Path.Value ?? string.Empty,
                request.QueryString.Value ?? string.Empty,
                headers,
                body,
                DateTimeOffset.UtcNow));
        }

        // Counted after recording, so a test that sees the count also finds the request in the log.
        Interlocked.Increment(ref _requestCount);
    }

    public UpstreamFault? NextFault() =>
        _faults.TryDequeue(out var fault) ? fault : Volatile.Read(ref _defaultFault);

    public void Enqueue(UpstreamFault fault) => _faults.Enqueue(fault);

    public void SetDefault(UpstreamFault? fault) => Volatile.Write(ref _defaultFault, fault);

    public void Reset()
    {
        _faults.Clear();
        Volatile.Write(ref _defaultFault, null);
        _requests.Clear();
        Interlocked.Exchange(ref _requestCount, 0);
    }

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
