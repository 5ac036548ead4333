namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>Salesforce's classic demo accounts and a contact for each: enough for a smoke query.</summary>
internal static class SampleRecords
{
    /// <summary>The fields each object type has, in the order <c>describe</c> lists them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> FieldsByType = new Dictionary<string, IReadOnlyList<string>>(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["Account"] = ["Id", "Name", "Industry", "BillingCity"],
        ["Contact"] = ["Id", "FirstName", "LastName", "Email", "AccountId"],
    };

    public static IReadOnlyList<SObjectRecord> Create()
    {
        (string Name, string Industry, string City, string First, string Last)[] companies =
        [
            ("Burlington Textiles Corp of America", "Apparel", "Burlington", "Jack", "Rogers"),
            ("Edge Communications", "Electronics", "Austin", "Rose", "Gonzalez"),
            ("United Oil & Gas Corp.", "Energy", "New York", "Tim", "Barr"),
        ];
        var records = new List<SObjectRecord>();
        foreach (var company in companies)
        {
            var accountId = SalesforceId.New("001");
            records.Add(
                new SObjectRecord(
                    "Account",
                    new Dictionary<string, string?>
                    {
                        ["Id"] = accountId,
                        ["Name"] = company.Name,
                        ["Industry"] = company.Industry,
                        ["BillingCity"] = company.City,
                    }
                )
            );
            records.Add(
                new SObjectRecord(
                    "Contact",
                    new Dictionary<string, string?>
                    {
                        ["Id"] = SalesforceId.New("003"),
                        ["FirstName"] = company.First,
                        ["LastName"] = company.Last,
                        ["Email"] = $"{company.First.ToLowerInvariant()}.{company.Last.ToLowerInvariant()}@example.com",
                        ["AccountId"] = accountId,
                    }
                )
            );
        }

        return records;
    }
}
