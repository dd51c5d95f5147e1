namespace Tollway.Gateway.Wire;

/// <summary>Why a member of a request body is refused, worded as OpenAI words it, with the member's path as <c>param</c>
/// (<c>messages[3].role</c>) and OpenAI's code. A value the client sent is never repeated back: it may be anything.</summary>
internal readonly record struct RequestProblem(string Message, string Param, string? Code)
{
    public static RequestProblem Missing(string param) =>
        new($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static RequestProblem WrongType(string param, string expected) =>
        new($"Invalid type for '{param}': expected {expected}.", param, "invalid_type");

    public static RequestProblem WrongValue(string param, string expected) =>
        new($"Invalid value for '{param}': expected {expected}.", param, "invalid_value");

    /// <summary>A member the gateway checks that appears twice: a provider reading the other copy would get what was not checked.</summary>
    public static RequestProblem Twice(string param) => new($"'{param}' appears more than once.", param, null);
}
