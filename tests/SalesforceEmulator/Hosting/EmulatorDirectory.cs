using System.Collections.Concurrent;

namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>The orgs, users and connected apps the emulator knows.</summary>
internal sealed class EmulatorDirectory
{
    private readonly ConcurrentDictionary<string, SalesforceOrg> _orgsByMyDomain = new(StringComparer.OrdinalIgnoreCase);

    // Salesforce usernames are unique across all orgs and compared without case.
    private readonly ConcurrentDictionary<string, EmulatorUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConnectedApp> _apps = new(StringComparer.Ordinal);

    public bool MyDomainTaken(string myDomain) => _orgsByMyDomain.ContainsKey(myDomain);

    public void Add(SalesforceOrg org)
    {
        if (!_orgsByMyDomain.TryAdd(org.MyDomain, org))
        {
            throw new InvalidOperationException($"An org with My Domain '{org.MyDomain}' exists already.");
        }
    }

    /// <summary>Files an org that changed its My Domain under its new name; the previous name becomes free.</summary>
    public void Rename(SalesforceOrg org, string previousMyDomain)
    {
        _orgsByMyDomain[org.MyDomain] = org;
        _orgsByMyDomain.TryRemove(previousMyDomain, out _);
    }

    public void Add(EmulatorUser user)
    {
        if (!_users.TryAdd(user.Username, user))
        {
            throw new InvalidOperationException($"A user named '{user.Username}' exists already.");
        }
    }

    public void Add(ConnectedApp app)
    {
        if (!_apps.TryAdd(app.ClientId, app))
        {
            throw new InvalidOperationException($"A connected app with client id '{app.ClientId}' exists already.");
        }
    }

    public EmulatorUser? FindUser(string? username) => username is null ? null : _users.GetValueOrDefault(username);

    public ConnectedApp? FindApp(string? clientId) => clientId is null ? null : _apps.GetValueOrDefault(clientId);
}
