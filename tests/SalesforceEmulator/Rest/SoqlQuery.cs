using System.Globalization;
using System.Text.RegularExpressions;

namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>The sliver of SOQL the emulator understands: <c>SELECT fields FROM Object [LIMIT n]</c>.</summary>
internal sealed partial record SoqlQuery(IReadOnlyList<string> Fields, string ObjectType, int? Limit)
{
    public static SoqlQuery? Parse(string? soql)
    {
        var match = Pattern().Match(soql ?? "");
        if (!match.Success)
        {
            return null;
        }

        var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        int? limit = match.Groups["limit"].Success ? int.Parse(match.Groups["limit"].Value, CultureInfo.InvariantCulture) : null;
        return new SoqlQuery(fields, match.Groups["object"].Value, limit);
    }

    [GeneratedRegex(
        @"^\s*SELECT\s+(?<fields>[\w\s,]+?)\s+FROM\s+(?<object>\w+)(?:\s+LIMIT\s+(?<limit>\d{1,6}))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex Pattern();
}
