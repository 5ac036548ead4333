using Natero.Connectors.SalesforceEmulator.Rest;

namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// A Salesforce org. Its My Domain host is also its <c>instance_url</c>. The switches are read on every
/// request, so a test may flip them at any time.
/// </summary>
public sealed class SalesforceOrg
{
    private int _apiRequestsUsed;

    internal SalesforceOrg(string id, string name, string myDomain, OrgEnvironment environment, Uri myDomainUrl)
    {
        Id = id;
        Name = name;
        MyDomain = myDomain;
        Environment = environment;
        MyDomainUrl = myDomainUrl;
        InstanceName = environment == OrgEnvironment.Production ? "NA224" : "CS169";
        Records = SampleRecords.Create();
    }

    /// <summary>The 18-character org id (<c>00D...</c>).</summary>
    public string Id { get; }

    public string Name { get; }

    /// <summary>
    /// The My Domain name, e.g. <c>acme</c> or <c>acme--uat</c> for a sandbox; see <see cref="SalesforceEmulatorHost.ChangeMyDomain"/>.
    /// </summary>
    public string MyDomain { get; private set; }

    public OrgEnvironment Environment { get; }

    /// <summary>
    /// The org's My Domain host (login for its users, and the instance host for its REST API); it changes when the org moves.
    /// </summary>
    public Uri MyDomainUrl { get; private set; }

    /// <summary>
    /// The instance the org lives on (<c>InstanceName</c> of the Organization object); see <see cref="SalesforceEmulatorHost.MigrateOrg"/>.
    /// </summary>
    public string InstanceName { get; private set; }

    /// <summary>The <c>OrganizationType</c> of the Organization object, e.g. "Enterprise Edition" or "Developer Edition".</summary>
    public string Edition { get; set; } = "Enterprise Edition";

    /// <summary>An inactive org refuses logins, token grants (<c>inactive organization</c>) and every session.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Off models an edition without API access: REST answers 403 <c>API_DISABLED_FOR_ORG</c>.</summary>
    public bool ApiEnabled { get; set; } = true;

    /// <summary>
    /// Some orgs answer <c>API_DISABLED_FOR_ORG</c> for a user without API Enabled instead of
    /// <c>API_CURRENTLY_DISABLED</c>; the client must treat both as "no API access".
    /// </summary>
    public bool ReportsUserApiDisabledAsOrgDisabled { get; set; }

    /// <summary>
    /// Connected app usage restrictions (enforced by Salesforce since September 2025, on by default): an app not
    /// installed here (<see cref="ConnectedAppOrgSettings.Installed"/>) can only be authorized by a user with
    /// <see cref="EmulatorUser.ApproveUninstalledConnectedApps"/>; anyone else stops on Salesforce's own error page.
    /// </summary>
    public bool RestrictUninstalledApps { get; set; } = true;

    /// <summary>
    /// Off (the default, as since December 2025): "Use Any API Client" does not let a user authorize uninstalled apps.
    /// On models an org with API Access Control before that change, where it did.
    /// </summary>
    public bool UseAnyApiClientApprovesUninstalledApps { get; set; }

    /// <summary>
    /// A user an admin did not pre-authorize is redirected with <c>OAUTH_APP_ACCESS_DENIED</c>; on, with
    /// <c>access_denied</c> and the same description. The client must treat both as "not admin approved".
    /// </summary>
    public bool ReportsAdminApprovalAsAccessDenied { get; set; }

    /// <summary>
    /// The M of <c>Sforce-Limit-Info: api-usage=N/M</c> and the <c>Max</c> of <c>DailyApiRequests</c> in <c>/limits</c>.
    /// Calls beyond it answer 403 <c>REQUEST_LIMIT_EXCEEDED</c>.
    /// </summary>
    public int DailyApiRequestLimit { get; set; } = 15_000;

    /// <summary>
    /// The N of <c>Sforce-Limit-Info: api-usage=N/M</c>: authenticated REST calls counted so far (the emulator never resets it).
    /// </summary>
    public int ApiRequestsUsed => Volatile.Read(ref _apiRequestsUsed);

    internal IReadOnlyList<SObjectRecord> Records { get; }

    /// <summary>The <c>instance_url</c>: the My Domain origin without a trailing slash, as Salesforce writes it.</summary>
    internal string InstanceUrl => MyDomainUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Once the org has moved, its <c>id</c> URLs name its current host instead of the shared identity host.</summary>
    internal bool HasMoved { get; private set; }

    /// <summary>Sets the count of API calls used today, e.g. to put the org just below 10% remaining.</summary>
    public void SetApiRequestsUsed(int used)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        Volatile.Write(ref _apiRequestsUsed, used);
    }

    internal int CountApiRequest() => Interlocked.Increment(ref _apiRequestsUsed);

    internal void MoveTo(Uri myDomainUrl, string myDomain, string instanceName)
    {
        MyDomainUrl = myDomainUrl;
        MyDomain = myDomain;
        InstanceName = instanceName;
        HasMoved = true;
    }

    public override string ToString() => $"{Name} ({Id}, {Environment}, My Domain {MyDomain})";
}
