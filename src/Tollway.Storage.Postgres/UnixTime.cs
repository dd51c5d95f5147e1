namespace Tollway.Storage.Postgres;

/// <summary>Times are stored as Unix milliseconds: compact, sortable, and the same numbers SQLite stores.</summary>
internal static class UnixTime
{
    public static long ToMillis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static object ToDb(DateTimeOffset? time) => time is { } value ? value.ToUnixTimeMilliseconds() : DBNull.Value;

    /// <summary>The UTC calendar day of a time: what daily usage and spend caps count by.</summary>
    public static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);
}
