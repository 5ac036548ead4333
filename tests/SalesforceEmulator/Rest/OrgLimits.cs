using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary><c>GET /services/data/vXX.X/limits</c>: the daily API allowance is the org's; the rest are fixed, typical values.</summary>
internal static class OrgLimits
{
    private static readonly (string Name, int Max)[] Fixed =
    [
        ("DailyAsyncApexExecutions", 250_000),
        ("DailyBulkApiBatches", 15_000),
        ("DataStorageMB", 1_024),
        ("FileStorageMB", 2_048),
        ("SingleEmail", 5_000),
    ];

    public static JsonObject Describe(SalesforceOrg org)
    {
        var limits = Fixed
            .Select(l => (l.Name, l.Max, Remaining: l.Max))
            .Append(("DailyApiRequests", org.DailyApiRequestLimit, Math.Max(0, org.DailyApiRequestLimit - org.ApiRequestsUsed)))
            .OrderBy(l => l.Item1, StringComparer.Ordinal);
        var json = new JsonObject();
        foreach (var (name, max, remaining) in limits)
        {
            json[name] = new JsonObject { ["Max"] = max, ["Remaining"] = remaining };
        }

        return json;
    }
}
