using Microsoft.AspNetCore.WebUtilities;

namespace Tollway.Hosting;

/// <summary>
/// Answers a body that Kestrel refuses to hand over — larger than <c>server.maxRequestBodyBytes</c>, slower than the
/// minimum data rate, or malformed chunks — as a problem document with Kestrel's status, on the endpoints that answer
/// with problems (<c>/admin</c>, <c>/account</c>, <c>/auth</c>). Left alone, the exception went unhandled and the client got
/// an empty 413 or 408. The model endpoints under <c>/v1</c> read their bodies themselves and answer in their own shapes.
/// </summary>
internal static class UnreadableBodyProblems
{
    public static void Use(WebApplication app) =>
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/v1"), branch => branch.Use(AnswerAsync));

    private static async Task AnswerAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // The rest of the body is not read, so the connection cannot carry another request.
            context.Response.Headers.Connection = "close";
            await TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: ReasonPhrases.GetReasonPhrase(ex.StatusCode)).ExecuteAsync(context);
        }
    }
}
