using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>Writes the models list and single model objects.</summary>
internal static class ModelsJson
{
    /// <summary>The ids the fake lists, with fixed creation times so answers are stable.</summary>
    private static readonly (string Id, long Created)[] Models =
    [
        ("gpt-4o-mini", 1721172741),
        ("gpt-4o", 1715367049),
        ("text-embedding-3-small", 1705948997),
    ];

    public static void WriteList(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        foreach (var (id, created) in Models)
        {
            WriteModel(json, id, created);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Any id is answered, so a gateway can probe models the fake does not list.</summary>
    public static void WriteModel(Utf8JsonWriter json, string id)
    {
        var created = Array.Find(Models, model => model.Id == id).Created;
        WriteModel(json, id, created == 0 ? Models[0].Created : created);
    }

    private static void WriteModel(Utf8JsonWriter json, string id, long created)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", "model");
        json.WriteNumber("created", created);
        json.WriteString("owned_by", "system");
        json.WriteEndObject();
    }
}
