using System.Reflection;

namespace Tollway.Testing.Chain;

/// <summary>The compiled test contracts embedded in this assembly (built by scripts/build-test-token.sh).</summary>
public static class ContractResources
{
    /// <summary>The text of an embedded resource (<c>TestStablecoin.bin</c>, …).</summary>
    public static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
