namespace Tollway.Gateway.Platform.Storage;

/// <summary>Brings the database schema up to date; runs before the server accepts requests.</summary>
public interface IDatabaseMigrator
{
    /// <summary>Applies every migration not yet applied, each in its own transaction; returns the schema version.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);
}
