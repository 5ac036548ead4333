using System.Net;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// Resolves a webhook's host name, for the URL check at registration and again at each connection: the seam where
/// tests stand in for DNS (a name that answers a public address first and a loopback one later).
/// </summary>
public interface IWebhookDnsResolver
{
    /// <summary>
    /// Every address the name resolves to; none, or a <see cref="System.Net.Sockets.SocketException"/>, when it does not.
    /// </summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
