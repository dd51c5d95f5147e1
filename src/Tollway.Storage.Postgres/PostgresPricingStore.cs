using System.Data;
using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Storage.Postgres;

/// <summary>
/// Runtime prices and markups in PostgreSQL, versioned so other nodes notice a change. A change and its version bump
/// are one batch (one implicit transaction); the bump's row lock holds until commit, so versions become visible in order.
/// </summary>
internal sealed class PostgresPricingStore(NpgsqlDataSource dataSource) : IPricingStore
{
    private const string Bump = "UPDATE settings_versions SET version = version + 1 WHERE name = 'pricing' RETURNING version";

    public async Task<PricingSettings> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the version and the rows, so the version names exactly what was read.
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = PostgresSql.Batch(connection, snapshot, [
            PostgresSql.Command("SELECT version FROM settings_versions WHERE name = 'pricing'"),
            PostgresSql.Command("""
                SELECT model, provider, input, output, cached_input, cache_write, reasoning, request_fee, priced_on FROM price_overrides
                ORDER BY model COLLATE "C", provider COLLATE "C"
                """),
            PostgresSql.Command("""SELECT scope, subject, parts_per_million FROM markups ORDER BY scope, subject COLLATE "C" """),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var version = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        var prices = new List<PriceOverride>();
        while (await reader.ReadAsync(cancellationToken))
        {
            prices.Add(new PriceOverride(reader.GetString(0), reader.GetString(1), new ModelPricing(
                reader.GetInt64(2), reader.GetInt64(3), NullableInt64(reader, 4), NullableInt64(reader, 5), NullableInt64(reader, 6), reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8)));
        }

        await reader.NextResultAsync(cancellationToken);
        var markups = new List<MarkupSetting>();
        while (await reader.ReadAsync(cancellationToken))
        {
            markups.Add(new MarkupSetting((MarkupScope)reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return new PricingSettings(version, prices, markups);
    }

    public Task<long> GetVersionAsync(CancellationToken cancellationToken) =>
        PostgresSql.ScalarInt64Async(dataSource, "SELECT version FROM settings_versions WHERE name = 'pricing'", cancellationToken);

    public Task<long> SetPriceAsync(PriceOverride price, CancellationToken cancellationToken) => SetPricesAsync([price], cancellationToken);

    public Task<long> SetPricesAsync(IReadOnlyList<PriceOverride> prices, CancellationToken cancellationToken) =>
        ChangeAsync([.. prices.Select(Upsert)], cancellationToken);

    public Task<long> SetMarkupAsync(MarkupScope scope, string subject, long? partsPerMillion, CancellationToken cancellationToken) =>
        ChangeAsync([partsPerMillion is { } ppm
            ? PostgresSql.Command("""
                INSERT INTO markups (scope, subject, parts_per_million) VALUES (@scope, @subject, @ppm)
                ON CONFLICT (scope, subject) DO UPDATE SET parts_per_million = excluded.parts_per_million
                """, PostgresSql.Parameter("scope", (int)scope), PostgresSql.Parameter("subject", subject), PostgresSql.Parameter("ppm", ppm))
            : PostgresSql.Command("DELETE FROM markups WHERE scope = @scope AND subject = @subject",
                PostgresSql.Parameter("scope", (int)scope), PostgresSql.Parameter("subject", subject))],
            cancellationToken);

    private static NpgsqlBatchCommand Upsert(PriceOverride price)
    {
        var pricing = price.Pricing;
        return PostgresSql.Command("""
            INSERT INTO price_overrides (model, provider, input, output, cached_input, cache_write, reasoning, request_fee, priced_on)
            VALUES (@model, @provider, @input, @output, @cached, @write, @reasoning, @fee, @on)
            ON CONFLICT (model, provider) DO UPDATE SET input = excluded.input, output = excluded.output, cached_input = excluded.cached_input,
                cache_write = excluded.cache_write, reasoning = excluded.reasoning, request_fee = excluded.request_fee, priced_on = excluded.priced_on
            """,
            PostgresSql.Parameter("model", price.Model), PostgresSql.Parameter("provider", price.Provider),
            PostgresSql.Parameter("input", pricing.InputPerMillion), PostgresSql.Parameter("output", pricing.OutputPerMillion),
            PostgresSql.Parameter("cached", NpgsqlDbType.Bigint, pricing.CachedInputPerMillion),
            PostgresSql.Parameter("write", NpgsqlDbType.Bigint, pricing.CacheWritePerMillion),
            PostgresSql.Parameter("reasoning", NpgsqlDbType.Bigint, pricing.ReasoningPerMillion),
            PostgresSql.Parameter("fee", pricing.RequestFee),
            PostgresSql.Parameter("on", NpgsqlDbType.Date, price.PricedOn));
    }

    private async Task<long> ChangeAsync(IReadOnlyList<NpgsqlBatchCommand> changes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = PostgresSql.Batch(connection, null, [.. changes, PostgresSql.Command(Bump)]);
        return (long)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }

    private static long? NullableInt64(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
