using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Email;

namespace Natero.Connectors.Infrastructure.Email;

/// <summary>Sends through the SMTP server of <c>Email:Smtp:*</c>, one connection per message.</summary>
internal sealed class SmtpEmailTransport(IOptions<EmailOptions> options, TimeProvider time) : IEmailTransport
{
    public async Task SendAsync(Guid messageId, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        var message = EmailMessages.Build(messageId, email, settings, time.GetUtcNow());

        // Email:Smtp:Timeout bounds the whole exchange, not only each read, so that a server that answers
        // slowly but steadily cannot hold a message (and its lease) for longer.
        using var deadline = new CancellationTokenSource(smtp.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var host = smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
            await client.ConnectAsync(host, smtp.Port, SocketOptions(smtp.Security), linked.Token);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, linked.Token);
            }

            await client.SendAsync(message, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The SMTP server did not answer within Email:Smtp:Timeout.");
        }

        await QuitAsync(client);
    }

    /// <summary>The server has accepted the message: a failed goodbye must not make the worker send it again.</summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or SocketException or MailKit.ProtocolException or TimeoutException)
        {
            // The connection is dropped with the client; nothing is left to undo.
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) =>
        security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown Email:Smtp:Security."),
        };
}
