using Tollway.Bench.Mock;

// dotnet Tollway.Bench.Mock.dll --urls http://127.0.0.1:5701
var urls = args.Length == 2 && args[0] == "--urls" ? args[1] : "http://127.0.0.1:5701";
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "tollway-bench-mock" });
// No routing, no logging, no middleware: the mock's cost is one Kestrel request and a copy of precomputed bytes.
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxConcurrentConnections = null;
});
builder.WebHost.UseUrls(urls);
var app = builder.Build();
// The traced arm exports its spans to the mock too (OtlpSink): every other request is a model call.
app.Run(context => context.Request.Path == OtlpSink.Path
    ? HttpMethods.IsPost(context.Request.Method) ? OtlpSink.HandleAsync(context) : OtlpSink.WriteCountsAsync(context)
    : MockResponder.HandleAsync(context));
await app.StartAsync();
Console.WriteLine("mock listening on " + urls);
await app.WaitForShutdownAsync();
