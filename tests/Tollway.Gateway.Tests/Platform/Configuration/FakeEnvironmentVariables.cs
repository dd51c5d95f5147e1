using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Tests.Platform.Configuration;

/// <summary>Environment variables from a dictionary, so tests never depend on (or leak into) the process environment.</summary>
internal sealed class FakeEnvironmentVariables(IReadOnlyDictionary<string, string>? variables = null) : IEnvironmentVariables
{
    private readonly IReadOnlyDictionary<string, string> _variables = variables ?? new Dictionary<string, string>();

    public List<string> ReadNames { get; } = [];

    public string? Read(string name)
    {
        ReadNames.Add(name);
        return _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
    }
}
