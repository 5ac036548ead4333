using System.Collections.Concurrent;

namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// A Connected App / External Client App with the policies an admin can switch in Salesforce.
/// The switches are read on every request, so a test may flip them at any time.
/// </summary>
public sealed class ConnectedApp
{
    /// <summary>The scopes a new app offers; an authorize request without <c>scope</c> gets all of them.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes =
    [
        "api",
        "refresh_token",
        "offline_access",
        "id",
        "openid",
        "profile",
        "email",
        "web",
    ];

    private readonly ConcurrentDictionary<string, bool> _preAuthorizedUserIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectedAppOrgSettings> _settingsByOrgId = new(StringComparer.Ordinal);
    private int _refreshTokensPerUser = 5;

    internal ConnectedApp(string name, string clientId, string clientSecret, IReadOnlyList<string> callbackUrls)
    {
        Name = name;
        ClientId = clientId;
        ClientSecret = clientSecret;
        CallbackUrls = callbackUrls;
    }

    public string Name { get; }

    /// <summary>The consumer key.</summary>
    public string ClientId { get; }

    /// <summary>The consumer secret; also the key of the token response <c>signature</c>.</summary>
    public string ClientSecret { get; }

    /// <summary>Registered callback URLs; <c>redirect_uri</c> must equal one of them byte for byte.</summary>
    public IReadOnlyList<string> CallbackUrls { get; set; }

    /// <summary>The scopes the app may be granted; asking for another one is <c>invalid_scope</c>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = DefaultScopes;

    /// <summary>"Require secret for Web Server Flow".</summary>
    public bool RequireSecret { get; set; } = true;

    /// <summary>"Require secret for Refresh Token Flow".</summary>
    public bool RequireSecretForRefresh { get; set; } = true;

    /// <summary>"Require Proof Key for Code Exchange (PKCE)": an authorize request without a challenge is refused.</summary>
    public bool RequirePkce { get; set; } = true;

    /// <summary>"Enable Refresh Token Rotation": every refresh returns a new refresh token and retires the old one.</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>Refresh token policy: null is "valid until revoked", otherwise "expire refresh token after" this long.</summary>
    public TimeSpan? RefreshTokenLifetime { get; set; }

    /// <summary>
    /// "Admin approved users are pre-authorized" in every org: other users are redirected with
    /// <c>OAUTH_APP_ACCESS_DENIED</c> (or <c>access_denied</c>, see <see cref="SalesforceOrg.ReportsAdminApprovalAsAccessDenied"/>).
    /// </summary>
    public bool AdminApprovedUsersOnly { get; set; }

    /// <summary>Blocked in every org: authorize answers <c>OAUTH_APP_BLOCKED</c> and its tokens stop working.</summary>
    public bool Blocked { get; set; }

    /// <summary>
    /// How many refresh tokens (approvals) one user may hold for this app; authorizing once more silently revokes the
    /// oldest with its access tokens. Salesforce's default is 5.
    /// </summary>
    public int RefreshTokensPerUser
    {
        get => Volatile.Read(ref _refreshTokensPerUser);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _refreshTokensPerUser, value);
        }
    }

    /// <summary>The app's settings in one org: installed, blocked, admin-approved users only, IP relaxation.</summary>
    public ConnectedAppOrgSettings In(SalesforceOrg org)
    {
        ArgumentNullException.ThrowIfNull(org);
        return _settingsByOrgId.GetOrAdd(org.Id, static _ => new ConnectedAppOrgSettings());
    }

    /// <summary>Pre-authorizes a user (by Profile or Permission Set) for <see cref="AdminApprovedUsersOnly"/>.</summary>
    public void PreAuthorize(EmulatorUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _preAuthorizedUserIds[user.Id] = true;
    }

    internal bool IsBlockedIn(SalesforceOrg org) => Blocked || In(org).Blocked;

    internal bool RequiresAdminApprovalIn(SalesforceOrg org) => AdminApprovedUsersOnly || In(org).AdminApprovedUsersOnly;

    internal bool Admits(EmulatorUser user) => !RequiresAdminApprovalIn(user.Org) || _preAuthorizedUserIds.ContainsKey(user.Id);

    /// <summary>Whether the org's rule on uninstalled apps keeps this user from approving the app.</summary>
    internal bool NeedsInstallFor(EmulatorUser user) =>
        user.Org.RestrictUninstalledApps
        && !In(user.Org).Installed
        && !user.ApproveUninstalledConnectedApps
        && !(user.UseAnyApiClient && user.Org.UseAnyApiClientApprovesUninstalledApps);

    /// <summary>Whether the user's profile login IP ranges, which the caller is outside of, refuse this use of the app.</summary>
    internal bool RefusesIp(EmulatorUser user, IpCheck check) =>
        user.LoginIpRestricted
        && In(user.Org).IpRelaxation switch
        {
            IpRelaxation.Enforce => true,
            IpRelaxation.RelaxForRefreshTokens => check == IpCheck.CodeExchange,
            _ => false,
        };

    public override string ToString() => $"{Name} ({ClientId})";
}
