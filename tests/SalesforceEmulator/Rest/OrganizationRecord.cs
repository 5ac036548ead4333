using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>The org's one Organization record: its name, edition, sandbox flag and instance, as a readiness check reads them.</summary>
internal static class OrganizationRecord
{
    public const string Type = "Organization";

    public static readonly IReadOnlyList<string> Fields =
    [
        "Id",
        "Name",
        "OrganizationType",
        "IsSandbox",
        "InstanceName",
        "NamespacePrefix",
        "TrialExpirationDate",
    ];

    public static JsonNode? Value(SalesforceOrg org, string field) =>
        field switch
        {
            "Id" => org.Id,
            "Name" => org.Name,
            "OrganizationType" => org.Edition,
            "IsSandbox" => org.Environment == OrgEnvironment.Sandbox,
            "InstanceName" => org.InstanceName,
            _ => null,
        };
}
