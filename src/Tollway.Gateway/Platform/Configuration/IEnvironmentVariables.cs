namespace Tollway.Gateway.Platform.Configuration;

/// <summary>Reads environment variables; injected so that tests supply provider keys without touching the process.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value, or <see langword="null"/> when unset or empty.</summary>
    string? Read(string name);
}
