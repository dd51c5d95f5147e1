using System.Globalization;
using System.Reflection;

namespace Tollway.Storage.Relational;

/// <summary>
/// The migration scripts a storage assembly embeds as <c>Migrations/NNNN_name.sql</c>: each backend has its own, in
/// its own dialect, under the same numbers and names.
/// </summary>
internal static class EmbeddedMigrations
{
    private const string Marker = ".Migrations.";

    /// <summary>The assembly's scripts, ordered by their number; the name is the file's, without <c>.sql</c>.</summary>
    public static IReadOnlyList<(int Version, string Name, string Script)> Of(Assembly assembly) =>
        [.. assembly.GetManifestResourceNames()
            .Where(n => n.Contains(Marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..^".sql".Length];
                var version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
                return (version, file, Read(assembly, n));
            })
            .OrderBy(m => m.version)];

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
