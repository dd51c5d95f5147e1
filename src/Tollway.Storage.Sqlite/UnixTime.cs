namespace Tollway.Storage.Sqlite;

/// <summary>Times are stored as Unix milliseconds: compact, sortable, and the same in every database.</summary>
internal static class UnixTime
{
    public static long ToMillis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static object ToDb(DateTimeOffset? time) => time is { } value ? value.ToUnixTimeMilliseconds() : DBNull.Value;
}
