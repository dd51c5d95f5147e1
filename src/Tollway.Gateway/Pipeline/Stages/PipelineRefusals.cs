using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>Refusals answered through the <see cref="RequestPipeline"/>, so that they leave a request log row as its own do.</summary>
internal static class PipelineRefusals
{
    /// <summary>Answers an <paramref name="operation"/> request spoken in <paramref name="client"/>'s API with the error.</summary>
    public static Func<HttpContext, GatewayError, Task> For(GatewayOperation operation, WireFormat client = WireFormat.OpenAi) =>
        (context, error) => context.RequestServices.GetRequiredService<RequestPipeline>().RefuseAsync(context, operation, error, client);
}
