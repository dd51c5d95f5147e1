using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.RequestLog;

public sealed class RequestLogSinkTests_Postgres(PostgresBackend backend) : RequestLogSinkTests(backend), IClassFixture<PostgresBackend>;
