using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>The result of inspecting a body: the request, or why it is refused (with the offending parameter and,
/// where OpenAI gives one, its error code).</summary>
internal readonly record struct RequestInspection(InspectedRequest? Request, string? Error, string? Param, string? Code = null)
{
    public static RequestInspection Invalid(string error, string? param = null) => new(null, error, param);

    public static RequestInspection Invalid(RequestProblem problem) => new(null, problem.Message, problem.Param, problem.Code);
}
