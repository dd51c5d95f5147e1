using Tollway.Bench.Hosting;

namespace Tollway.Bench.Arms;

/// <summary>Bare Kestrel + <see cref="HttpClient"/> forwarding (bench/Tollway.Bench.PassThrough): the .NET ceiling.</summary>
internal sealed class PassThroughArm : ProcessArm
{
    public override string Name => ArmNames.PassThrough;

    public override async Task StartAsync(ArmContext context)
    {
        var port = FreePort.Next();
        var dll = context.Output("bench/Tollway.Bench.PassThrough", "Tollway.Bench.PassThrough.dll");
        Server = ManagedProcess.Start(
            "dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--upstream", context.MockBaseUrl.ToString()],
            Path.Combine(context.Directory, "passthrough.log"), context.GatewayCore);
        await Readiness.WaitForPortAsync(port, Server, TimeSpan.FromSeconds(30));
        ChatUrl = new Uri($"http://127.0.0.1:{port}/v1/chat/completions");
        Headers = [new("Authorization", "Bearer sk-bench")];
    }
}
