using System.Globalization;
using System.Net;
using System.Text;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Notifications;

/// <summary>
/// The words of the emails about connections, in one place. Every one says why the person gets it and links to the
/// page where they switch it off. They carry names, ids, statuses and the provider's explanation, never a token or code.
/// </summary>
internal static class NotificationEmails
{
    /// <summary>The person's own page where these emails are switched on and off.</summary>
    public const string PreferencesPath = "/account/notifications";

    public static OutgoingEmail NeedsAction(
        NotificationRecipient to,
        NotifiedConnection connection,
        ConnectionStatus status,
        string? reason,
        IReadOnlyList<string> steps,
        string? note,
        EmailOptions links
    )
    {
        var link = links.LinkTo(connection.Path);
        var body = new Body()
            .Paragraph(Greeting(to))
            .Paragraph(
                !ConnectionChange.NeedsNewGrant(status)
                    ? $"{connection.ProviderName} refuses API access to the {connection.Title} of {connection.TenantName}, "
                        + "so Natero cannot read its data until someone gives that access back."
                    : $"Natero can no longer read the {connection.Title} of {connection.TenantName}: "
                        + $"{connection.ProviderName} no longer accepts Natero's access, and someone must authorize it again."
            )
            .Paragraph($"Reason: {(string.IsNullOrWhiteSpace(reason) ? "none given" : reason)}")
            .Steps("What to do:", steps);
        if (!string.IsNullOrWhiteSpace(note))
        {
            body.Paragraph(note);
        }

        body.Link("The connection in Natero:", link).Footer(ConnectionsWhy(connection), links);
        return body.ToEmail(to.Email, $"{connection.Title} in {connection.TenantName} {Subject(status)}", link);
    }

    public static OutgoingEmail Recovered(NotificationRecipient to, NotifiedConnection connection, EmailOptions links)
    {
        var link = links.LinkTo(connection.Path);
        return new Body()
            .Paragraph(Greeting(to))
            .Paragraph(
                $"The {connection.Title} of {connection.TenantName} works again: Natero reads its data as before. Nothing more to do."
            )
            .Link("The connection in Natero:", link)
            .Footer(ConnectionsWhy(connection), links)
            .ToEmail(to.Email, $"{connection.Title} in {connection.TenantName} works again", link);
    }

    public static OutgoingEmail WebhookDisabled(
        NotificationRecipient to,
        WebhookEndpoint endpoint,
        string owner,
        string path,
        EmailOptions links
    )
    {
        var link = links.LinkTo(path);
        return new Body()
            .Paragraph(Greeting(to))
            .Paragraph(
                $"Natero stopped sending events to the webhook endpoint {endpoint.Url} of {owner}: every delivery to it failed "
                    + "throughout the retry window. Events that happen while it is disabled are not sent to it."
            )
            .Paragraph(endpoint.DisabledReason ?? "It kept failing.")
            .Steps(
                "To start again:",
                [
                    "Check that the receiver is up and answers 2xx within 10 seconds, over https, without redirecting.",
                    "Open the endpoint in Natero, look at the last answers in its delivery log, and send a test event.",
                    "Enable the endpoint; resend the deliveries you still need from its log.",
                ]
            )
            .Link("The endpoint in Natero:", link)
            .Footer($"you may configure data connectors for {owner}", links)
            .ToEmail(to.Email, $"Webhook endpoint disabled: {endpoint.Url}", link);
    }

    /// <summary>Every tenant's broken connections, grouped by tenant (by name), oldest breakage first within each.</summary>
    public static OutgoingEmail Digest(NotificationRecipient to, IReadOnlyList<DigestLine> lines, DateTimeOffset now, EmailOptions links)
    {
        var tenants = lines
            .GroupBy(l => (l.Connection.TenantSlug, l.Connection.TenantName))
            .OrderBy(g => g.Key.TenantName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var body = new Body()
            .Paragraph(Greeting(to))
            .Paragraph(
                $"{Count(lines.Count, "connection")} in {Count(tenants.Count, "tenant")} did not work "
                    + $"at {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC:"
            );
        foreach (var tenant in tenants)
        {
            body.Section(
                tenant.Key.TenantName,
                links.LinkTo(NotifiedConnection.TenantConnectionsPath(tenant.Key.TenantSlug)),
                [
                    .. tenant
                        .OrderBy(l => l.BrokenSince ?? DateTimeOffset.MaxValue)
                        .Select(l =>
                            (
                                $"{l.Connection.Title}: {Describe(l.Status)}, {Since(l.BrokenSince, now)}."
                                    + (string.IsNullOrWhiteSpace(l.Reason) ? string.Empty : $" {l.Reason}"),
                                links.LinkTo(l.Connection.Path)
                            )
                        ),
                ]
            );
        }

        var platform = links.LinkTo("/platform/connections");
        return body.Link("Every tenant's connections:", platform)
            .Footer("you opted into Natero's daily digest of broken connections", links)
            .ToEmail(
                to.Email,
                $"Natero daily digest: {Count(lines.Count, "broken connection")} in {Count(tenants.Count, "tenant")}",
                platform
            );
    }

    private static string Greeting(NotificationRecipient to) => $"Hello {(string.IsNullOrWhiteSpace(to.Name) ? to.Email : to.Name)},";

    private static string ConnectionsWhy(NotifiedConnection connection) => $"you may configure data connectors in {connection.TenantName}";

    private static string Subject(ConnectionStatus status) =>
        ConnectionChange.NeedsNewGrant(status) ? "must be authorized again" : "has lost API access";

    private static string Describe(ConnectionStatus status) =>
        ConnectionChange.NeedsNewGrant(status) ? "needs to be authorized again" : "no API access";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>"for 3 days (since 2026-12-01 09:14 UTC)", or "since an unknown time" for a row that never recorded it.</summary>
    private static string Since(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } at)
        {
            return "since an unknown time";
        }

        var broken = now - at;
        var length =
            broken.TotalDays >= 1 ? Count((int)broken.TotalDays, "day")
            : broken.TotalHours >= 1 ? Count((int)broken.TotalHours, "hour")
            : broken.TotalMinutes >= 1 ? Count((int)broken.TotalMinutes, "minute")
            : "less than a minute";
        return $"for {length} (since {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    /// <summary>The plain text and the HTML of one message, written side by side so that they say the same.</summary>
    private sealed class Body
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _html = new();

        public Body Paragraph(string text)
        {
            _text.Append(text).Append("\n\n");
            _html.Append("<p>").Append(Encode(text)).Append("</p>\n");
            return this;
        }

        /// <summary>Why the person gets this email, and the page where they switch it off.</summary>
        public Body Footer(string why, EmailOptions links)
        {
            var text = $"You get this email because {why}. To switch these emails off, change your notification settings:";
            var url = links.LinkTo(PreferencesPath);
            _text.Append(text).Append('\n').Append(url).Append("\n\n");
            _html.Append("<hr>\n<p><small>").Append(Encode(text)).Append(" <a href=\"").Append(Encode(url)).Append("\">");
            _html.Append(Encode(url)).Append("</a></small></p>\n");
            return this;
        }

        public Body Steps(string heading, IReadOnlyList<string> steps)
        {
            _text.Append(heading).Append('\n');
            _html.Append("<p>").Append(Encode(heading)).Append("</p>\n<ol>\n");
            for (var i = 0; i < steps.Count; i++)
            {
                _text.Append(CultureInfo.InvariantCulture, $"  {i + 1}. {steps[i]}\n");
                _html.Append("<li>").Append(Encode(steps[i])).Append("</li>\n");
            }

            _text.Append('\n');
            _html.Append("</ol>\n");
            return this;
        }

        public Body Link(string label, string url)
        {
            _text.Append(label).Append('\n').Append(url).Append("\n\n");
            _html.Append("<p>").Append(Encode(label)).Append(" <a href=\"").Append(Encode(url)).Append("\">");
            _html.Append(Encode(url)).Append("</a></p>\n");
            return this;
        }

        public Body Section(string heading, string headingUrl, IReadOnlyList<(string Text, string Url)> items)
        {
            _text.Append(heading).Append(" (").Append(headingUrl).Append(")\n");
            _html.Append("<h2><a href=\"").Append(Encode(headingUrl)).Append("\">").Append(Encode(heading)).Append("</a></h2>\n<ul>\n");
            foreach (var (text, url) in items)
            {
                _text.Append("  - ").Append(text).Append("\n    ").Append(url).Append('\n');
                _html.Append("<li>").Append(Encode(text)).Append(" <a href=\"").Append(Encode(url)).Append("\">Open</a></li>\n");
            }

            _text.Append('\n');
            _html.Append("</ul>\n");
            return this;
        }

        public OutgoingEmail ToEmail(string to, string subject, string link) =>
            new(to, subject, _text.ToString().TrimEnd() + "\n", _html.ToString(), link);

        private static string Encode(string text) => WebUtility.HtmlEncode(text);
    }
}
