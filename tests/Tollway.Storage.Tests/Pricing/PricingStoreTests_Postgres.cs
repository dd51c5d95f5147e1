using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Pricing;

public sealed class PricingStoreTests_Postgres(PostgresBackend backend) : PricingStoreTests(backend), IClassFixture<PostgresBackend>;
