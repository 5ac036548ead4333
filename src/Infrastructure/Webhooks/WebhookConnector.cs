using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// The connect step of the webhook client (S28 at delivery): resolves the host through <see cref="IWebhookDnsResolver"/>,
/// judges every address with <see cref="WebhookAddresses"/>, and opens a socket only to an address already judged, so a
/// name that rebinds to an inside address between registration and delivery, or between two lookups, is never reached.
/// </summary>
internal sealed class WebhookConnector(IWebhookDnsResolver dns, IOptions<WebhookOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await dns.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        Check(literal is null ? $"{host} resolves to" : $"{host} is", addresses, context.InitialRequestMessage.RequestUri);
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure!;
    }

    /// <summary><paramref name="subject"/> is "hooks.example.com resolves to" or "10.0.0.5 is".</summary>
    private void Check(string subject, IPAddress[] addresses, Uri? url)
    {
        var allowLoopbackHttp = options.Value.AllowLoopbackHttp;
        foreach (var address in addresses)
        {
            if (WebhookAddresses.ForbiddenKind(address, allowLoopbackHttp) is { } kind)
            {
                throw new ForbiddenWebhookAddressException(
                    $"Not sent: {subject} {WebhookAddresses.Describe(kind, address)} at delivery, "
                        + "and webhooks reach only public addresses."
                );
            }
        }

        if (url?.Scheme != Uri.UriSchemeHttps && !addresses.All(WebhookAddresses.IsLoopback))
        {
            throw new ForbiddenWebhookAddressException(
                $"Not sent: {url?.IdnHost} is not on this machine (loopback), and webhooks to other hosts use https only."
            );
        }
    }
}
