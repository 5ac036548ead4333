using System.Globalization;

namespace Natero.Connectors.HubSpotEmulator.Api;

/// <summary>A few contacts per account, the same on every start; ids are derived from the hub id so accounts differ.</summary>
internal static class SampleContacts
{
    private static readonly (string First, string Last)[] People =
    [
        ("Maria", "Johnson"),
        ("Brian", "Halligan"),
        ("Dharmesh", "Shah"),
        ("Ada", "Lovelace"),
        ("Grace", "Hopper"),
    ];

    private static readonly DateTimeOffset Created = new(2025, 3, 15, 14, 30, 0, TimeSpan.Zero);

    public static IReadOnlyList<Contact> For(Portal portal)
    {
        var domain = portal.HubDomain.Split('.')[0] + ".example";
        return
        [
            .. People.Select(
                (person, index) =>
                    new Contact(
                        ((portal.HubId % 1000) * 1000 + 101 + index).ToString(CultureInfo.InvariantCulture),
                        person.First,
                        person.Last,
                        $"{person.First.ToLowerInvariant()}.{person.Last.ToLowerInvariant()}@{domain}",
                        Created.AddDays(index),
                        Created.AddDays(index + 30)
                    )
            ),
        ];
    }

    internal sealed record Contact(
        string Id,
        string FirstName,
        string LastName,
        string Email,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt
    );
}
