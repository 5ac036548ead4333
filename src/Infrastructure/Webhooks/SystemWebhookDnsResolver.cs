using System.Net;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>The machine's resolver.</summary>
internal sealed class SystemWebhookDnsResolver : IWebhookDnsResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
