using System.Collections.Concurrent;

namespace Natero.Connectors.HubSpotEmulator.Hosting;

/// <summary>Apps, accounts and users, by their keys.</summary>
internal sealed class EmulatorDirectory
{
    private readonly ConcurrentDictionary<string, HubSpotApp> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Portal> _portals = new();
    private readonly ConcurrentDictionary<string, EmulatorUser> _users = new(StringComparer.OrdinalIgnoreCase);

    public void Add(HubSpotApp app)
    {
        if (!_apps.TryAdd(app.ClientId, app))
        {
            throw new InvalidOperationException($"An app with client id '{app.ClientId}' exists already.");
        }
    }

    public void Add(Portal portal)
    {
        if (!_portals.TryAdd(portal.HubId, portal))
        {
            throw new InvalidOperationException($"An account with hub id {portal.HubId} exists already.");
        }
    }

    public void Add(EmulatorUser user)
    {
        if (!_users.TryAdd(user.Email, user))
        {
            throw new InvalidOperationException($"A user '{user.Email}' exists already.");
        }
    }

    public HubSpotApp? FindApp(string? clientId) => clientId is null ? null : _apps.GetValueOrDefault(clientId);

    public Portal? FindPortal(long hubId) => _portals.GetValueOrDefault(hubId);

    public EmulatorUser? FindUser(string? email) => email is null ? null : _users.GetValueOrDefault(email.Trim());
}
