namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>One record of the tiny data set each org carries for queries.</summary>
internal sealed record SObjectRecord(string Type, IReadOnlyDictionary<string, string?> Fields)
{
    public string Id => Fields["Id"] ?? throw new InvalidOperationException("A record always has an Id.");
}
