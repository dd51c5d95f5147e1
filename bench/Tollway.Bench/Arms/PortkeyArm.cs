using System.Globalization;
using Tollway.Bench.Hosting;

namespace Tollway.Bench.Arms;

/// <summary>
/// The Portkey gateway (npm <c>@portkey-ai/gateway</c>, installed by bench/run.sh) on Node.js, headless and in
/// production mode, told per request to treat the mock as OpenAI through its custom-host header.
/// </summary>
internal sealed class PortkeyArm : ProcessArm
{
    public override string Name => ArmNames.Portkey;

    /// <summary>The gateway's entry point under a directory that npm installed it into, if it is there.</summary>
    public static string? FindServer(string? directory)
    {
        if (directory is null)
        {
            return null;
        }

        var server = Path.Combine(directory, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
        return File.Exists(server) ? server : null;
    }

    public override async Task StartAsync(ArmContext context)
    {
        var server = FindServer(context.Settings.PortkeyDirectory)
            ?? throw new InvalidOperationException("the Portkey gateway is not installed (bench/run.sh installs it with npm).");
        var port = FreePort.Next();
        Server = ManagedProcess.Start(
            "node", [server, "--port=" + port.ToString(CultureInfo.InvariantCulture), "--headless"],
            Path.Combine(context.Directory, "portkey.log"), context.GatewayCore,
            new Dictionary<string, string> { ["NODE_ENV"] = "production" });
        await Readiness.WaitForPortAsync(port, Server, TimeSpan.FromSeconds(60));
        ChatUrl = new Uri($"http://127.0.0.1:{port}/v1/chat/completions");
        Headers =
        [
            new("Authorization", "Bearer sk-bench"),
            new("x-portkey-provider", "openai"),
            new("x-portkey-custom-host", new Uri(context.MockBaseUrl, "v1").ToString()),
        ];
    }
}
