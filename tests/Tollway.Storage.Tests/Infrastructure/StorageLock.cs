namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>What a race test holds shut so that every contender lines up behind it (see <see cref="TestDatabase.HoldLockAsync"/>).</summary>
public enum StorageLock
{
    Migrations,
    Bootstrap,
    KeyVersions,
}
