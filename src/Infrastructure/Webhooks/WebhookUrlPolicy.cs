using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// The URL check at registration (S28). A name is resolved and every address it resolves to must be allowed; the
/// same rules run again when each delivery connects (<see cref="WebhookConnector"/>), so a name that later resolves
/// inside is still refused then.
/// </summary>
internal sealed class WebhookUrlPolicy(IWebhookDnsResolver dns, IOptions<WebhookOptions> options, TimeProvider time) : IWebhookUrlPolicy
{
    public const int MaxLength = 2000;

    public async Task<WebhookUrlCheck> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return WebhookUrlCheck.Refused("Enter the webhook URL, such as https://hooks.example.com/natero.");
        }

        url = url.Trim();
        if (Shape(url) is { } problem)
        {
            return WebhookUrlCheck.Refused(problem);
        }

        var uri = new Uri(url, UriKind.Absolute);
        var allowLoopbackHttp = options.Value.AllowLoopbackHttp;
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && allowLoopbackHttp))
        {
            return WebhookUrlCheck.Refused($"Webhook URLs must use https, not {uri.Scheme}.");
        }

        var addresses = await ResolveAsync(uri, cancellationToken);
        if (addresses is null)
        {
            return WebhookUrlCheck.Refused(
                $"{uri.IdnHost} could not be resolved to an address. Check the host name, or ask its owner whether it is published."
            );
        }

        foreach (var address in addresses)
        {
            if (WebhookAddresses.ForbiddenKind(address, allowLoopbackHttp) is { } kind)
            {
                var described = WebhookAddresses.Describe(kind, address);
                return WebhookUrlCheck.Refused(
                    IsLiteral(uri)
                        ? $"Webhook URLs may not point to {described}: only public addresses are reached."
                        : $"{uri.IdnHost} resolves to {described}: webhook URLs must reach only public addresses."
                );
            }
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !addresses.All(WebhookAddresses.IsLoopback))
        {
            return WebhookUrlCheck.Refused("Webhook URLs must use https; plain http is allowed only to this machine (loopback).");
        }

        return WebhookUrlCheck.Allowed(uri);
    }

    /// <summary>What is wrong with the URL as written, before any lookup.</summary>
    private static string? Shape(string url)
    {
        if (url.Length > MaxLength)
        {
            return $"Webhook URLs are at most {MaxLength} characters long.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return "Enter an absolute URL, such as https://hooks.example.com/natero.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"Webhook URLs must use https, not {uri.Scheme}.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || AtInAuthority(url))
        {
            return "Webhook URLs may not contain a user name or password; authenticate with the signature instead.";
        }

        if (url.Contains('#', StringComparison.Ordinal))
        {
            return "Webhook URLs may not contain a fragment (#...): it is never sent to the receiver.";
        }

        return string.IsNullOrEmpty(uri.IdnHost) ? "Webhook URLs need a host name." : null;
    }

    /// <summary>Whether an '@' stands before the path, where it would separate user information from the host.</summary>
    private static bool AtInAuthority(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal) + 2;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        return url.AsSpan(start, (end < 0 ? url.Length : end) - start).Contains('@');
    }

    private static bool IsLiteral(Uri uri) => uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;

    /// <summary>The host's addresses, or null when the name does not resolve (within <c>Webhooks:Timeout</c>).</summary>
    private async Task<IPAddress[]?> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (IsLiteral(uri))
        {
            return [IPAddress.Parse(uri.IdnHost.Trim('[', ']'))];
        }

        using var timeout = new CancellationTokenSource(options.Value.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var addresses = await dns.ResolveAsync(uri.IdnHost, linked.Token);
            return addresses.Length == 0 ? null : addresses;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
