using MimeKit;

namespace Natero.Connectors.Tests.Shared;

/// <summary>A message as <see cref="TestSmtpServer"/> received it: the SMTP envelope and the parsed MIME message.</summary>
public sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message)
{
    public string From => Message.From.Mailboxes.Single().ToString();

    public IReadOnlyList<string> To => [.. Message.To.Mailboxes.Select(m => m.Address)];

    public string Subject => Message.Subject ?? string.Empty;

    public string TextBody => Message.TextBody ?? string.Empty;

    public string? HtmlBody => Message.HtmlBody;

    /// <summary>Whether it went to <paramref name="address"/>, by envelope or header.</summary>
    public bool IsFor(string address) => EnvelopeTo.Concat(To).Any(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase));
}
