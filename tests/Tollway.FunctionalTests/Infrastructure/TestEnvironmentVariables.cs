using Tollway.Gateway.Platform.Configuration;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The process's environment with some variables set for one gateway only: the <c>OTEL_*</c> variables of a
/// traced fixture would otherwise reach every host of the test process.</summary>
public sealed class TestEnvironmentVariables(IReadOnlyDictionary<string, string> variables) : IEnvironmentVariables
{
    public string? Read(string name) =>
        variables.TryGetValue(name, out var value) ? value
        : Environment.GetEnvironmentVariable(name) is { Length: > 0 } inherited ? inherited
        : null;
}
