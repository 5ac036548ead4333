using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>Adds the message to the scope's context, so that the change's own save writes it.</summary>
internal sealed class EmailOutbox(ApplicationDbContext db, IDataProtectionProvider protection, TimeProvider time) : IEmailOutbox
{
    public const string Purpose = OutboxMessage.ProtectionPurpose;

    public void Enqueue(OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = time.GetUtcNow();
        var payload = JsonSerializer.Serialize(new EmailPayload(email.To, email.Subject, email.TextBody, email.HtmlBody, email.Link));
        db.OutboxMessages.Add(
            new OutboxMessage
            {
                Id = Ids.New(now),
                Recipient = email.To,
                Subject = email.Subject.Length > 300 ? email.Subject[..300] : email.Subject,
                ProtectedPayload = protection.CreateProtector(Purpose).Protect(payload),
                CreatedAt = now,
                NextAttemptAt = now,
            }
        );
    }
}

/// <summary>What the outbox row protects: the whole message.</summary>
internal sealed record EmailPayload(string To, string Subject, string TextBody, string? HtmlBody, string? Link)
{
    public override string ToString() => $"Email to {To}: {Subject}";
}
