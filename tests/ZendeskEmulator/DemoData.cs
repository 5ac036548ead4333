namespace Natero.Connectors.ZendeskEmulator;

/// <summary>
/// What every emulator starts with. Ids and secrets are fixed, so a Natero connection to the demo account
/// finds the same account again after the emulator restarts (its tokens do not survive a restart).
/// </summary>
/// <param name="ExpiringClient">acme's client whose tokens expire (<c>expires_in</c> and a refresh token).</param>
/// <param name="LegacyClient">acme's client created before expiring tokens: tokens never expire, no refresh token.</param>
/// <param name="GlobalClient">A global client (expiring tokens) that works on every account.</param>
/// <param name="Acme">Account <c>acme</c>, on the first port.</param>
/// <param name="Globex">Account <c>globex</c>, on the second port; acme's clients do not exist there.</param>
/// <param name="Admin"><c>admin@acme-zendesk.example</c>, admin.</param>
/// <param name="Agent"><c>agent@acme-zendesk.example</c>, agent.</param>
/// <param name="EndUser"><c>enduser@acme-zendesk.example</c>, end user: may authorize, but the tickets probe answers 403.</param>
/// <param name="SuspendedUser"><c>suspended@acme-zendesk.example</c>, a suspended agent: cannot sign in.</param>
/// <param name="GlobexAdmin"><c>admin@globex-zendesk.example</c>, admin of globex.</param>
public sealed record DemoData(
    OAuthClient ExpiringClient,
    OAuthClient LegacyClient,
    OAuthClient GlobalClient,
    ZendeskAccount Acme,
    ZendeskAccount Globex,
    ZendeskUser Admin,
    ZendeskUser Agent,
    ZendeskUser EndUser,
    ZendeskUser SuspendedUser,
    ZendeskUser GlobexAdmin
)
{
    public const string ClientId = "natero_demo";
    public const string ClientSecret = "natero-demo-secret-expiring";
    public const string LegacyClientId = "natero_demo_legacy";
    public const string LegacyClientSecret = "natero-demo-secret-legacy";
    public const string GlobalClientId = "zdg-natero-demo";
    public const string GlobalClientSecret = "natero-demo-secret-global";

    /// <summary>The password of every demo user.</summary>
    public const string Password = "Demo-Passw0rd!";

    /// <summary>The Natero app's callback when it runs with its defaults.</summary>
    public const string DefaultCallbackUrl = "http://localhost:5000/oauth/callback/zendesk";

    internal static DemoData Seed(ZendeskEmulatorHost host, IReadOnlyList<string> callbackUrls)
    {
        var acme = host.AddAccount(9_000_001, "acme", "Acme Support");
        var globex = host.AddAccount(9_000_002, "globex", "Globex Help Desk");
        var expiring = host.AddOAuthClient(701, ClientId, ClientSecret, callbackUrls, acme, tokensExpire: true, "Natero Connectors (demo)");
        var legacy = host.AddOAuthClient(
            702,
            LegacyClientId,
            LegacyClientSecret,
            callbackUrls,
            acme,
            tokensExpire: false,
            "Natero Connectors (legacy demo)"
        );
        var global = host.AddOAuthClient(
            703,
            GlobalClientId,
            GlobalClientSecret,
            callbackUrls,
            owner: null,
            tokensExpire: true,
            "Natero Connectors (global demo)"
        );
        var suspended = host.AddUser(
            1_900_000_000_004,
            acme,
            "suspended@acme-zendesk.example",
            Password,
            "Sam Suspended",
            ZendeskRole.Agent
        );
        suspended.Suspended = true;
        return new DemoData(
            expiring,
            legacy,
            global,
            acme,
            globex,
            host.AddUser(1_900_000_000_001, acme, "admin@acme-zendesk.example", Password, "Ada Admin", ZendeskRole.Admin),
            host.AddUser(1_900_000_000_002, acme, "agent@acme-zendesk.example", Password, "Avi Agent", ZendeskRole.Agent),
            host.AddUser(1_900_000_000_003, acme, "enduser@acme-zendesk.example", Password, "Eve Enduser", ZendeskRole.EndUser),
            suspended,
            host.AddUser(1_900_000_000_101, globex, "admin@globex-zendesk.example", Password, "Gus Globex", ZendeskRole.Admin)
        );
    }
}
