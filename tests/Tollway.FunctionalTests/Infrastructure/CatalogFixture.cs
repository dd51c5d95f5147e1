namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway with the shipped catalog switched on for two providers that both talk to the fake upstream: <c>openai</c>
/// (preset <c>openai</c>) and <c>router</c> (preset <c>openrouter</c>). Nothing lists their models: they come from the
/// catalog built into Tollway. The base fixture's own providers keep shipping off, so its models stay as configured.
/// </summary>
public sealed class CatalogFixture : GatewayFixture
{
    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        foreach (var (name, preset) in new[] { ("openai", "openai"), ("router", "openrouter") })
        {
            configuration[$"Providers:{name}:Preset"] = preset;
            configuration[$"Providers:{name}:BaseUrl"] = Upstream.BaseUrl.ToString();
            configuration[$"Providers:{name}:ApiKey"] = UpstreamApiKey;
            configuration[$"Providers:{name}:ShippedModels"] = "true";
        }

        return configuration;
    }

    /// <summary>A config file for the command line: the same database and the same shipping providers (no keys needed).</summary>
    public string WriteCliConfig()
    {
        var path = Path.Combine(Directory, "catalog-cli.json");
        File.WriteAllText(path, $$"""
            {
              "database": { "sqlitePath": "{{DatabasePath}}" },
              "catalog": { "shippedModels": false },
              "providers": {
                "openai": { "preset": "openai", "shippedModels": true },
                "router": { "preset": "openrouter", "shippedModels": true }
              }
            }
            """);
        return path;
    }
}
