using System.Globalization;
using Microsoft.Data.Sqlite;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Storage.Sqlite;

/// <summary>Runtime prices and markups in SQLite, versioned so other nodes notice a change.</summary>
internal sealed class SqlitePricingStore(SqliteDatabase database) : IPricingStore
{
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<PricingSettings> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var version = await VersionAsync(connection, snapshot, cancellationToken);
        var prices = new List<PriceOverride>();
        await using (var command = SqliteCommands.Create(connection, snapshot,
            "SELECT model, provider, input, output, cached_input, cache_write, reasoning, request_fee, priced_on FROM price_overrides ORDER BY model, provider"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                prices.Add(new PriceOverride(reader.GetString(0), reader.GetString(1), new ModelPricing(
                    reader.GetInt64(2), reader.GetInt64(3), NullableInt64(reader, 4), NullableInt64(reader, 5), NullableInt64(reader, 6), reader.GetInt64(7)),
                    reader.IsDBNull(8) ? null : DateOnly.ParseExact(reader.GetString(8), DateFormat, CultureInfo.InvariantCulture)));
            }
        }

        var markups = new List<MarkupSetting>();
        await using (var command = SqliteCommands.Create(connection, snapshot, "SELECT scope, subject, parts_per_million FROM markups ORDER BY scope, subject"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                markups.Add(new MarkupSetting((MarkupScope)reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return new PricingSettings(version, prices, markups);
    }

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await VersionAsync(connection, null, cancellationToken);
    }

    public Task<long> SetPriceAsync(PriceOverride price, CancellationToken cancellationToken) => SetPricesAsync([price], cancellationToken);

    public async Task<long> SetPricesAsync(IReadOnlyList<PriceOverride> prices, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var sql = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var price in prices)
        {
            var pricing = price.Pricing;
            await SqliteCommands.ExecuteAsync(connection, sql, """
                INSERT INTO price_overrides (model, provider, input, output, cached_input, cache_write, reasoning, request_fee, priced_on)
                VALUES ($model, $provider, $input, $output, $cached, $write, $reasoning, $fee, $on)
                ON CONFLICT (model, provider) DO UPDATE SET input = excluded.input, output = excluded.output, cached_input = excluded.cached_input,
                    cache_write = excluded.cache_write, reasoning = excluded.reasoning, request_fee = excluded.request_fee, priced_on = excluded.priced_on
                """, cancellationToken,
                ("$model", price.Model), ("$provider", price.Provider), ("$input", pricing.InputPerMillion), ("$output", pricing.OutputPerMillion),
                ("$cached", pricing.CachedInputPerMillion), ("$write", pricing.CacheWritePerMillion), ("$reasoning", pricing.ReasoningPerMillion),
                ("$fee", pricing.RequestFee), ("$on", price.PricedOn?.ToString(DateFormat, CultureInfo.InvariantCulture)));
        }

        var version = await BumpAsync(connection, sql, cancellationToken);
        await sql.CommitAsync(cancellationToken);
        return version;
    }

    public async Task<long> SetMarkupAsync(MarkupScope scope, string subject, long? partsPerMillion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var sql = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (partsPerMillion is { } ppm)
        {
            await SqliteCommands.ExecuteAsync(connection, sql, """
                INSERT INTO markups (scope, subject, parts_per_million) VALUES ($scope, $subject, $ppm)
                ON CONFLICT (scope, subject) DO UPDATE SET parts_per_million = excluded.parts_per_million
                """, cancellationToken, ("$scope", (int)scope), ("$subject", subject), ("$ppm", ppm));
        }
        else
        {
            await SqliteCommands.ExecuteAsync(connection, sql, "DELETE FROM markups WHERE scope = $scope AND subject = $subject",
                cancellationToken, ("$scope", (int)scope), ("$subject", subject));
        }

        var version = await BumpAsync(connection, sql, cancellationToken);
        await sql.CommitAsync(cancellationToken);
        return version;
    }

    private static Task<long> VersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        SqliteCommands.ScalarInt64Async(connection, transaction, "SELECT version FROM settings_versions WHERE name = 'pricing'", cancellationToken);

    private static Task<long> BumpAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        SqliteCommands.ScalarInt64Async(connection, transaction,
            "UPDATE settings_versions SET version = version + 1 WHERE name = 'pricing' RETURNING version", cancellationToken);

    private static long? NullableInt64(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
