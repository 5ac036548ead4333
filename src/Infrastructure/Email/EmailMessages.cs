using MimeKit;
using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>The MIME message for an outbox entry, the same whichever transport carries it.</summary>
internal static class EmailMessages
{
    public static MimeMessage Build(Guid messageId, OutgoingEmail email, EmailOptions options, DateTimeOffset date)
    {
        var from = MailboxAddress.Parse(options.From);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = date,

            // Derived from the outbox row, so a message sent twice (a crash between the server's "OK" and
            // recording it) carries the same Message-Id and receiving systems can recognise the repeat.
            MessageId = $"{messageId:N}@{from.Domain}",
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }
}
