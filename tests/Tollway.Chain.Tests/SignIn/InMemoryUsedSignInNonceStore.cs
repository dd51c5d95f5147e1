using Tollway.Chain.Wallets;

namespace Tollway.Chain.Tests.SignIn;

/// <summary>An <see cref="IUsedSignInNonceStore"/> in a dictionary, which also counts how often it was asked.</summary>
internal sealed class InMemoryUsedSignInNonceStore : IUsedSignInNonceStore
{
    private readonly Dictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public DateTimeOffset? LastForgetBefore { get; private set; }

    public int Count => _used.Count;

    public Task<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        lock (_used)
        {
            Calls++;
            LastForgetBefore = forgetBefore;
            foreach (var expired in _used.Where(u => u.Value < forgetBefore).Select(u => u.Key).ToList())
            {
                _used.Remove(expired);
            }

            return Task.FromResult(_used.TryAdd(nonce, expiresAt));
        }
    }
}
