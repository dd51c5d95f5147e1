namespace Tollway.Gateway.Platform.Storage;

/// <summary>Where Tollway keeps accounts, keys and the request log.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Database";

    /// <summary>The default database file, created beside the working directory on first start.</summary>
    public const string DefaultSqlitePath = "tollway.db";

    /// <summary>Path of the embedded SQLite database file (created, switched to WAL and migrated at start).</summary>
    public string SqlitePath { get; set; } = DefaultSqlitePath;

    /// <summary>An Npgsql connection string. When set, PostgreSQL is used instead of SQLite, and several gateway nodes
    /// may share it. It carries a password: give it through <c>TOLLWAY_Database__PostgresConnectionString</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Whether PostgreSQL is configured.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
