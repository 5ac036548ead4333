using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Infrastructure.Email;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Tests.Shared;

/// <summary>A message as the outbox keeps it.</summary>
public sealed record QueuedEmail(string To, string Subject, string TextBody, string? HtmlBody, string? Link);

/// <summary>Reads what the app queued for sending, decrypted as its sender would, and the tokens of its links.</summary>
public static partial class QueuedEmails
{
    /// <summary>The newest message queued for <paramref name="to"/> (whose subject holds <paramref name="subject"/>, when given).</summary>
    public static async Task<QueuedEmail> LastTo(IServiceProvider services, string to, string? subject = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var rows = await db
            .OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == to && (subject == null || m.Subject.Contains(subject)))
            .ToListAsync();
        var row = rows.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefault()
            ?? throw new InvalidOperationException($"No email was queued for {to}.");
        var protector = scope
            .ServiceProvider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(OutboxMessage.ProtectionPurpose);
        return JsonSerializer.Deserialize<QueuedEmail>(protector.Unprotect(row.ProtectedPayload!))!;
    }

    public const string ResetSubject = "Reset your Natero password";

    public const string InvitationSubject = "You are invited";

    public static string InvitationToken(this QueuedEmail email) => TokenAfter(email, "/account/invitation/");

    public static string ResetToken(this QueuedEmail email) => TokenAfter(email, "/account/reset-password/");

    /// <summary>The path and token of the email's link, for a test client on any base address.</summary>
    public static string LinkPath(this QueuedEmail email) =>
        new Uri(email.Link ?? throw new InvalidOperationException($"The email \"{email.Subject}\" carries no link.")).AbsolutePath;

    private static string TokenAfter(QueuedEmail email, string path)
    {
        var link = email.Link ?? throw new InvalidOperationException($"The email \"{email.Subject}\" carries no link.");
        var at = link.IndexOf(path, StringComparison.Ordinal);
        var token = at < 0 ? string.Empty : link[(at + path.Length)..];
        if (!email.TextBody.Contains(link, StringComparison.Ordinal) || !Token().IsMatch(token))
        {
            throw new InvalidOperationException($"The email \"{email.Subject}\" does not carry a {path} link in its text.");
        }

        return token;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Token();
}
