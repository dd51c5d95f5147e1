namespace Tollway.Gateway.Configuration;

/// <summary>Where Tollway keeps accounts, keys and the request log.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The default database file, created beside the working directory on first start.</summary>
    public const string DefaultSqlitePath = "tollway.db";

    /// <summary>Path of the embedded SQLite database file (created, switched to WAL and migrated at start).</summary>
    public string SqlitePath { get; set; } = DefaultSqlitePath;
}
