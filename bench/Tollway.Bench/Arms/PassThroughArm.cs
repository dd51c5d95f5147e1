using Tollway.Bench.Hosting;

namespace Tollway.Bench.Arms;

/// <summary>Bare Kestrel + <see cref="HttpClient"/> forwarding (bench/Tollway.Bench.PassThrough): the .NET ceiling.</summary>
internal sealed class PassThroughArm : IArm
{
    private ManagedProcess? _process;

    public string Name => ArmNames.PassThrough;

    public Uri ChatUrl { get; private set; } = null!;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = [new("Authorization", "Bearer sk-bench")];

    public int? ProcessId => _process?.Id;

    public async Task StartAsync(ArmContext context)
    {
        var port = FreePort.Next();
        var dll = context.Output("bench/Tollway.Bench.PassThrough", "Tollway.Bench.PassThrough.dll");
        _process = ManagedProcess.Start(
            "dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", "--upstream", context.MockBaseUrl.ToString()],
            Path.Combine(context.Directory, "passthrough.log"), context.GatewayCore);
        await Readiness.WaitForPortAsync(port, _process, TimeSpan.FromSeconds(30));
        ChatUrl = new Uri($"http://127.0.0.1:{port}/v1/chat/completions");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
