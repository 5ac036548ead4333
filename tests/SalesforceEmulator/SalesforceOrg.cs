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
        Records = SampleRecords.Create();
    }

    /// <summary>The 18-character org id (<c>00D...</c>).</summary>
    public string Id { get; }

    public string Name { get; }

    /// <summary>The My Domain name, e.g. <c>acme</c> or <c>acme--uat</c> for a sandbox.</summary>
    public string MyDomain { get; }

    public OrgEnvironment Environment { get; }

    /// <summary>The org's My Domain host (login for its users, and the instance host for its REST API).</summary>
    public Uri MyDomainUrl { get; }

    /// <summary>An inactive org refuses logins, token grants (<c>inactive organization</c>) and every session.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Off models an edition without API access: REST answers 403 <c>API_DISABLED_FOR_ORG</c>.</summary>
    public bool ApiEnabled { get; set; } = true;

    /// <summary>
    /// Some orgs answer <c>API_DISABLED_FOR_ORG</c> for a user without API Enabled instead of
    /// <c>API_CURRENTLY_DISABLED</c>; the client must treat both as "no API access".
    /// </summary>
    public bool ReportsUserApiDisabledAsOrgDisabled { get; set; }

    /// <summary>The M of <c>Sforce-Limit-Info: api-usage=N/M</c>.</summary>
    public int DailyApiRequestLimit { get; set; } = 15_000;

    /// <summary>The N of <c>Sforce-Limit-Info: api-usage=N/M</c>: authenticated REST calls served so far.</summary>
    public int ApiRequestsUsed => Volatile.Read(ref _apiRequestsUsed);

    internal IReadOnlyList<SObjectRecord> Records { get; }

    /// <summary>The <c>instance_url</c>: the My Domain origin without a trailing slash, as Salesforce writes it.</summary>
    internal string InstanceUrl => MyDomainUrl.GetLeftPart(UriPartial.Authority);

    internal int CountApiRequest() => Interlocked.Increment(ref _apiRequestsUsed);

    public override string ToString() => $"{Name} ({Id}, {Environment}, My Domain {MyDomain})";
}
