namespace Natero.Connectors.HubSpotEmulator;

/// <summary>A HubSpot account ("portal", "hub"): what token metadata and <c>/account-info/v3/details</c> report.</summary>
public sealed class Portal
{
    internal Portal(long hubId, string name, string hubDomain)
    {
        HubId = hubId;
        Name = name;
        HubDomain = hubDomain;
    }

    /// <summary>The account id: <c>hub_id</c> in tokens, <c>portalId</c> in account details.</summary>
    public long HubId { get; }

    public string Name { get; }

    /// <summary><c>hub_domain</c> in token metadata.</summary>
    public string HubDomain { get; }

    /// <summary><c>STANDARD</c>, <c>DEVELOPER_TEST</c>, <c>SANDBOX</c> or <c>APP_DEVELOPER</c>.</summary>
    public string AccountType { get; set; } = "STANDARD";

    public string TimeZone { get; set; } = "US/Eastern";

    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(-5);

    public string CompanyCurrency { get; set; } = "USD";

    public IReadOnlyList<string> AdditionalCurrencies { get; set; } = [];

    /// <summary>The data centre, e.g. <c>na1</c> or <c>eu1</c>.</summary>
    public string DataHostingLocation { get; set; } = "na1";

    public string UiDomain { get; set; } = "app.hubspot.com";

    /// <summary>
    /// The scopes this account's subscription offers; null offers every scope. A required scope it lacks makes the
    /// install fail; an optional one is dropped.
    /// </summary>
    public IReadOnlySet<string>? AvailableScopes { get; set; }

    internal bool Offers(string scope) => AvailableScopes is null || AvailableScopes.Contains(scope);

    public override string ToString() => $"{Name} ({HubId})";
}
