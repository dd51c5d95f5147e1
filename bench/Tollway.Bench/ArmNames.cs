namespace Tollway.Bench;

/// <summary>The arms by name, in the order they are reported.</summary>
internal static class ArmNames
{
    public const string Direct = "direct";
    public const string PassThrough = "passthrough";
    public const string TollwaySqlite = "tollway-sqlite";
    public const string TollwayPostgres = "tollway-postgres";

    /// <summary>The SQLite arm with telemetry off (<c>Telemetry:Enabled=false</c>): what metrics cost is measured against it.</summary>
    public const string TollwayTelemetryOff = "tollway-telemetry-off";

    /// <summary>The SQLite arm with every request traced (100 % sampling) and exported over OTLP to the mock's sink.</summary>
    public const string TollwayTraced = "tollway-traced";
    public const string Portkey = "portkey";

    public static IReadOnlyList<string> All { get; } = [Direct, PassThrough, TollwaySqlite, TollwayTelemetryOff, TollwayTraced, TollwayPostgres, Portkey];
}
