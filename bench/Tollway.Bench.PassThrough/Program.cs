using Tollway.Bench.PassThrough;

// dotnet Tollway.Bench.PassThrough.dll --urls http://127.0.0.1:5702 --upstream http://127.0.0.1:5701
var urls = ArgumentAfter(args, "--urls") ?? "http://127.0.0.1:5702";
var upstream = ArgumentAfter(args, "--upstream") ?? "http://127.0.0.1:5701";
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "tollway-bench-passthrough" });
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxConcurrentConnections = null;
});
builder.WebHost.UseUrls(urls);
var app = builder.Build();
using var forwarder = new PassThroughForwarder(new Uri(upstream));
app.Run(forwarder.ForwardAsync);
await app.StartAsync();
Console.WriteLine($"pass-through listening on {urls}, forwarding to {upstream}");
await app.WaitForShutdownAsync();

static string? ArgumentAfter(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
