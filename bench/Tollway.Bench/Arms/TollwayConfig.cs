using System.Text.Json;

namespace Tollway.Bench.Arms;

/// <summary>
/// The gateway's configuration for the benchmark: every scenario's model routed to two providers that both point at
/// the mock (so the router orders real candidates; the cheaper one answers), priced like gpt-4o-mini so every request
/// takes a real hold and settles a real charge.
/// </summary>
internal static class TollwayConfig
{
    public static void Write(string path, int port, Uri mockBaseUrl, string? sqlitePath, IEnumerable<string> models)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("server");
        json.WriteString("urls", $"http://127.0.0.1:{port}");
        json.WriteEndObject();
        if (sqlitePath is not null)
        {
            json.WriteStartObject("database");
            json.WriteString("sqlitePath", sqlitePath);
            json.WriteEndObject();
        }

        var upstream = new Uri(mockBaseUrl, "v1").ToString();
        json.WriteStartObject("providers");
        foreach (var provider in new[] { "mock", "mock-backup" })
        {
            json.WriteStartObject(provider);
            json.WriteString("preset", "custom");
            json.WriteString("baseUrl", upstream);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("models");
        foreach (var model in models)
        {
            json.WriteStartObject(model);
            json.WriteStartArray("endpoints");
            WriteEndpoint(json, "mock", model, "0.15", "0.60");
            WriteEndpoint(json, "mock-backup", model, "0.30", "1.20");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter json, string provider, string model, string input, string output)
    {
        json.WriteStartObject();
        json.WriteString("provider", provider);
        json.WriteString("model", model);
        json.WriteNumber("contextLength", 128000);
        json.WriteNumber("maxOutputTokens", 16384);
        json.WriteStartObject("pricing");
        json.WriteString("input", input);
        json.WriteString("output", output);
        json.WriteString("cachedInput", "0.075");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
