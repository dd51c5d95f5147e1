using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Tollway.Testing;

/// <summary>
/// A bare Kestrel server on a free 127.0.0.1 port that answers every request with one handler: what the tests' small
/// stand-ins for outside services (a flaky RPC endpoint, an x402 facilitator) are built on.
/// </summary>
public static class LoopbackServer
{
    /// <summary>Starts the server; returns it (dispose to stop) and its base URL, ending in <c>/</c>.</summary>
    public static Task<(WebApplication App, Uri Url)> StartAsync(RequestDelegate handler, CancellationToken cancellationToken = default) =>
        StartAsync(handler, static _ => { }, cancellationToken);

    /// <summary>Starts the server with changes to its services (made after the host's own are registered).</summary>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(
        RequestDelegate handler, Action<IServiceCollection> configureServices, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        configureServices(builder.Services);
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address + "/"));
    }
}
