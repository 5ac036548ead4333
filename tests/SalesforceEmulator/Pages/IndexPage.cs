using System.Text;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.Pages;

/// <summary>A map of the emulated hosts, for whoever opens a host's root in a browser.</summary>
internal static class IndexPage
{
    public static IResult Render(HostSlot current, HostMap hosts)
    {
        var body = new StringBuilder()
            .Append("<h1>Salesforce emulator</h1><p>You are on <strong>")
            .Append(Html.Encode(current.Origin))
            .Append("</strong>.</p>")
            .Append("<table><thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Stands for</th></tr></thead><tbody>");
        foreach (var slot in hosts.All.Where(h => h.Kind != EmulatorHostKind.MyDomain || h.Org is not null))
        {
            body.Append("<tr><td>")
                .Append(Html.Encode(slot.Origin))
                .Append("</td><td>")
                .Append(Html.Encode(slot.Org is { } org ? $"My Domain {org.MyDomain} ({org.Name})" : slot.Kind.ToString()))
                .Append("</td></tr>");
        }

        return Html.Page("Salesforce emulator", body.Append("</tbody></table>").ToString());
    }
}
