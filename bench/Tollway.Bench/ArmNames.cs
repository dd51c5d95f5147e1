namespace Tollway.Bench;

/// <summary>The arms by name, in the order they are reported.</summary>
internal static class ArmNames
{
    public const string Direct = "direct";
    public const string PassThrough = "passthrough";
    public const string TollwaySqlite = "tollway-sqlite";
    public const string TollwayPostgres = "tollway-postgres";
    public const string Portkey = "portkey";

    public static IReadOnlyList<string> All { get; } = [Direct, PassThrough, TollwaySqlite, TollwayPostgres, Portkey];
}
