using Npgsql;
using Tollway.Bench.Hosting;

namespace Tollway.Bench.Arms;

/// <summary>
/// The real <c>tollway serve</c> process with everything on: key authentication, routing across two endpoints, a
/// hold and a settled charge on the real ledger (SQLite file, or PostgreSQL in a database of its own), the request
/// log. Its first-run admin key provisions a funded customer key that the scenarios use. Telemetry as shipped (metrics
/// kept, no trace exporter), off, or every request traced into the mock's OTLP sink (<see cref="TelemetryMode"/>).
/// </summary>
internal sealed class TollwayArm(bool postgres, TelemetryMode telemetry = TelemetryMode.Default) : ProcessArm
{
    private string? _database;
    private string? _adminConnection;

    public override string Name => (postgres, telemetry) switch
    {
        (true, _) => ArmNames.TollwayPostgres,
        (false, TelemetryMode.Off) => ArmNames.TollwayTelemetryOff,
        (false, TelemetryMode.Traced) => ArmNames.TollwayTraced,
        _ => ArmNames.TollwaySqlite,
    };

    public override async Task StartAsync(ArmContext context)
    {
        var port = FreePort.Next();
        var directory = Path.Combine(context.Directory, Name);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var environment = new Dictionary<string, string>();
        if (postgres)
        {
            environment["TOLLWAY_Database__PostgresConnectionString"] = await CreateDatabaseAsync(context.Settings);
        }

        AddTelemetry(environment, context.MockBaseUrl);

        var config = Path.Combine(directory, "tollway.json");
        TollwayConfig.Write(config, port, context.MockBaseUrl, postgres ? null : Path.Combine(directory, "tollway.db"), ScenarioModels.All(context.Settings));
        var dll = context.Output("src/Tollway", "tollway.dll");
        Server = ManagedProcess.Start("dotnet", [dll, "serve", "--config", config], Path.Combine(directory, "tollway.log"),
            context.GatewayCore, environment, directory);
        var adminKey = (await Server.WaitForLineAsync(line => line.TrimStart().StartsWith("tw-", StringComparison.Ordinal), TimeSpan.FromSeconds(60))).Trim();
        await Readiness.WaitForPortAsync(port, Server, TimeSpan.FromSeconds(60));
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var key = await TollwayProvisioner.CreateFundedKeyAsync(baseUrl, adminKey);
        ChatUrl = new Uri(baseUrl, "v1/chat/completions");
        Headers = [new("Authorization", "Bearer " + key)];
    }

    private void AddTelemetry(Dictionary<string, string> environment, Uri mock)
    {
        if (telemetry == TelemetryMode.Off)
        {
            environment["TOLLWAY_Telemetry__Enabled"] = "false";
        }
        else if (telemetry == TelemetryMode.Traced)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = mock.ToString().TrimEnd('/');
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            environment["TOLLWAY_Telemetry__Traces__SampleRatio"] = "1";
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && _adminConnection is not null)
        {
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task<string> CreateDatabaseAsync(BenchSettings settings)
    {
        var connectionString = settings.Postgres
            ?? throw new InvalidOperationException("no PostgreSQL server: set TWTEST_POSTGRES (bench/run.sh starts one with scripts/postgres.sh).");
        _adminConnection = connectionString;
        _database = $"tollway_bench_{Environment.ProcessId}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = _database }.ConnectionString;
    }
}
