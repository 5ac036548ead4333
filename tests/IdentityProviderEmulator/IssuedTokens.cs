using System.Collections.Concurrent;

namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>
/// Every access and id token the token endpoint handed out, as sent, for tests that look for them where they must not be.
/// </summary>
public sealed class IssuedTokens
{
    private readonly ConcurrentQueue<string> _tokens = new();

    public IReadOnlyList<string> All => [.. _tokens];

    public void Clear() => _tokens.Clear();

    internal void Add(string? token)
    {
        if (token is not null)
        {
            _tokens.Enqueue(token);
        }
    }
}
