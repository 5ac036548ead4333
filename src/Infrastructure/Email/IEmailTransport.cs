using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>
/// How a message leaves the app: an SMTP server, or the pickup directory when none is configured. The
/// outbox worker calls it once per attempt; a throw means "not sent, try again later".
/// </summary>
public interface IEmailTransport
{
    /// <param name="messageId">The outbox row's id, which also names the message (its Message-Id and file name).</param>
    Task SendAsync(Guid messageId, OutgoingEmail email, CancellationToken cancellationToken);
}
