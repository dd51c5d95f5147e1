using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Postgres;
using Tollway.Storage.Sqlite;

namespace Tollway.Hosting;

/// <summary>Chooses the storage: PostgreSQL when a connection string is configured, else the embedded SQLite file.</summary>
internal static class StorageRegistration
{
    public static IServiceCollection AddTollwayStorage(this IServiceCollection services, DatabaseOptions database) =>
        database.UsesPostgres ? services.AddTollwayPostgres(database.PostgresConnectionString!) : services.AddTollwaySqlite();
}
