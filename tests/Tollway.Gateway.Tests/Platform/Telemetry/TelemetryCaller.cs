using System.Net;
using Microsoft.AspNetCore.Http;

namespace Tollway.Gateway.Tests.Platform.Telemetry;

/// <summary>A request to read the telemetry, from an address of the test's choosing.</summary>
public static class TelemetryCaller
{
    /// <summary>A request from <paramref name="address"/>, with <paramref name="authorization"/> when given.</summary>
    public static DefaultHttpContext From(string address, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }
}
