namespace Tollway.Gateway.Proxy;

/// <summary>The result of inspecting a body: the request, or why it is refused (with the offending parameter).</summary>
internal readonly record struct RequestInspection(InspectedRequest? Request, string? Error, string? Param)
{
    public static RequestInspection Invalid(string error, string? param = null) => new(null, error, param);
}
