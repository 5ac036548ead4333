using System.Collections.Concurrent;

namespace Natero.Connectors.ZendeskEmulator.Hosting;

/// <summary>The accounts, users and OAuth clients the emulator knows.</summary>
internal sealed class EmulatorDirectory
{
    private readonly ConcurrentDictionary<string, ZendeskAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(long AccountId, string Email), ZendeskUser> _users = new();
    private readonly ConcurrentDictionary<string, OAuthClient> _clients = new(StringComparer.Ordinal);

    public IReadOnlyList<ZendeskAccount> Accounts => [.. _accounts.Values.OrderBy(a => a.BaseUrl.Port)];

    public bool SubdomainTaken(string subdomain) => _accounts.ContainsKey(subdomain);

    public void Add(ZendeskAccount account)
    {
        if (!_accounts.TryAdd(account.Subdomain, account))
        {
            throw new InvalidOperationException($"An account with subdomain '{account.Subdomain}' exists already.");
        }
    }

    public void Add(ZendeskUser user)
    {
        if (!_users.TryAdd((user.Account.Id, user.Email.ToUpperInvariant()), user))
        {
            throw new InvalidOperationException($"The account '{user.Account.Subdomain}' has a user '{user.Email}' already.");
        }
    }

    public void Add(OAuthClient client)
    {
        if (!_clients.TryAdd(client.Identifier, client))
        {
            throw new InvalidOperationException($"An OAuth client with identifier '{client.Identifier}' exists already.");
        }
    }

    public ZendeskAccount? FindAccount(string subdomain) => _accounts.GetValueOrDefault(subdomain);

    public ZendeskUser? FindUser(ZendeskAccount account, string? email) =>
        email is null ? null : _users.GetValueOrDefault((account.Id, email.Trim().ToUpperInvariant()));

    /// <summary>The client as this account sees it: a client of another account does not exist here.</summary>
    public OAuthClient? FindClient(string? identifier, ZendeskAccount account) =>
        identifier is not null && _clients.TryGetValue(identifier, out var client) && client.UsableOn(account) ? client : null;

    public OAuthClient? FindClient(string identifier) => _clients.GetValueOrDefault(identifier);
}
