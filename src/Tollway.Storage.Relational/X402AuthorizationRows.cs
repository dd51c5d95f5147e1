using System.Data.Common;
using Tollway.Chain.X402;

namespace Tollway.Storage.Relational;

/// <summary>
/// The <c>x402_authorizations</c> columns and how a row reads back, shared by the SQLite and PostgreSQL stores: the
/// table is the same in both, so the column order and the mapping live once and cannot drift apart.
/// </summary>
internal static class X402AuthorizationRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "chain_id, token, payer, nonce, amount, state, request_id, created_at, transaction_hash, account_id";

    /// <summary>The row the reader is on, selected with <see cref="Columns"/>.</summary>
    public static X402AuthorizationRecord Read(DbDataReader reader) =>
        new(
            new X402AuthorizationKey(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
            reader.GetString(4),
            (X402AuthorizationState)reader.GetInt32(5),
            reader.GetString(6),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9));
}
