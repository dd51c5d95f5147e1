using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.RequestLog;

public sealed class RequestLogSinkTests_Sqlite(SqliteBackend backend) : RequestLogSinkTests(backend), IClassFixture<SqliteBackend>;
