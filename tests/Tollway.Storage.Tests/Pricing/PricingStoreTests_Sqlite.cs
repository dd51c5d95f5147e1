using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Pricing;

public sealed class PricingStoreTests_Sqlite(SqliteBackend backend) : PricingStoreTests(backend), IClassFixture<SqliteBackend>;
