using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// A real HTTP server on a loopback port that speaks OpenAI's wire format (chat completions, legacy
/// completions, embeddings, models, and the Azure OpenAI deployment paths), Anthropic's Messages API
/// (<c>/v1/messages</c>) and Gemini's (<c>/v1beta/models/…</c>), records every request and misbehaves on demand
/// through <see cref="UpstreamFault"/>s.
/// </summary>
/// <remarks>
/// Without a fault it answers deterministically: the default text is "Hello from the fake upstream.",
/// prompt tokens are the request body's UTF-8 byte count / 4 (at least 1), completion tokens are the answer's
/// whitespace-separated words. Offered tools are called (first tool, arguments <c>{"city":"Paris"}</c>) unless
/// the last message is a tool result.
/// </remarks>
public sealed class FakeOpenAiUpstream : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly FakeUpstreamState _state;
    private int _disposed;

    private FakeOpenAiUpstream(WebApplication app, FakeUpstreamState state, int port)
    {
        _app = app;
        _state = state;
        RootUrl = new Uri($"http://127.0.0.1:{port}");
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1");
        GeminiBaseUrl = new Uri($"http://127.0.0.1:{port}/v1beta");
    }

    /// <summary>The OpenAI base URL, <c>http://127.0.0.1:PORT/v1</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gemini's base URL, <c>http://127.0.0.1:PORT/v1beta</c>; Anthropic's Messages API is under <see cref="BaseUrl"/>.</summary>
    public Uri GeminiBaseUrl { get; }

    /// <summary>The server root, <c>http://127.0.0.1:PORT</c>; the Azure form lives under <c>/openai/deployments/</c> here.</summary>
    public Uri RootUrl { get; }

    /// <summary>A snapshot of the recorded requests in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Requests;

    /// <summary>Requests received since start or the last <see cref="Reset"/>, counted even when not recorded.</summary>
    public int RequestCount => _state.RequestCount;

    /// <summary>Whether requests (headers and body) are kept; turn off for load tests.</summary>
    public bool RecordRequests
    {
        get => _state.RecordRequests;
        set => _state.RecordRequests = value;
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeOpenAiUpstream> StartAsync(CancellationToken cancellationToken = default)
    {
        var state = new FakeUpstreamState();
        // The empty builder reads no configuration files or environment and adds no logging, so the fake
        // stays quiet, watches no files and ignores ASPNETCORE_URLS meant for the gateway under test.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = null;
            options.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);

        var app = builder.Build();
        app.Run(new FakeRequestHandler(state).HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            state.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakeOpenAiUpstream(app, state, new Uri(address).Port);
    }

    /// <summary>The next request, whatever its path, gets <paramref name="fault"/>; queued faults are used first in, first out.</summary>
    public void Enqueue(UpstreamFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _state.Enqueue(fault);
    }

    /// <summary>Every request gets <paramref name="fault"/> (after the queue is empty) until cleared with null.</summary>
    public void SetDefault(UpstreamFault? fault) => _state.SetDefault(fault);

    /// <summary>Clears the recorded requests, the request count, the fault queue and the default fault.</summary>
    public void Reset() => _state.Reset();

    /// <summary>Releases hung requests and held streams, then stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state.Stop();
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the timeout were aborted; the server is down either way.
            }
        }

        await _app.DisposeAsync();
        _state.Dispose();
    }
}
