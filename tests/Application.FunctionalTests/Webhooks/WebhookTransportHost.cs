using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Infrastructure.Webhooks;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>
/// The webhook transport composed as the app composes it (<see cref="WebhookTransport.AddNateroWebhookTransport"/>),
/// alone: it touches no database, so these tests need no reset. Logs are kept at Trace; DNS is the machine's unless a
/// test scripts it.
/// </summary>
internal sealed class WebhookTransportHost : IDisposable
{
    private readonly ServiceProvider _services;

    private WebhookTransportHost(IReadOnlyDictionary<string, string?> settings, IWebhookDnsResolver? dns)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton(TimeProvider.System);
        services.AddNateroWebhookTransport(configuration);
        if (dns is not null)
        {
            services.AddSingleton<IWebhookDnsResolver>(dns);
        }

        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services;

    public IWebhookUrlPolicy Policy => _services.GetRequiredService<IWebhookUrlPolicy>();

    public IWebhookSender Sender => _services.GetRequiredService<IWebhookSender>();

    public WebhookOptions Options => _services.GetRequiredService<IOptions<WebhookOptions>>().Value;

    /// <summary>
    /// <paramref name="allowLoopbackHttp"/> sets <c>Webhooks:AllowLoopbackHttp</c>; <paramref name="settings"/> go over
    /// the defaults.
    /// </summary>
    public static WebhookTransportHost Create(
        bool allowLoopbackHttp = false,
        IWebhookDnsResolver? dns = null,
        IReadOnlyDictionary<string, string?>? settings = null
    )
    {
        var all = new Dictionary<string, string?>
        {
            ["Webhooks:AllowLoopbackHttp"] = allowLoopbackHttp ? "true" : "false",
            ["Webhooks:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new WebhookTransportHost(all, dns);
    }

    /// <summary>
    /// A message as the delivery worker would build it: a fresh id, now, an event's JSON, signed with
    /// <paramref name="secrets"/> (a new one when none is given).
    /// </summary>
    public static WebhookMessage Message(Uri url, params string[] secrets)
    {
        var id = "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var now = TimeProvider.System.GetUtcNow();
        var body = JsonSerializer.Serialize(
            new
            {
                type = "connection.status_changed",
                timestamp = now,
                data = new
                {
                    tenant = "acme",
                    connectionId = id,
                    provider = "crm",
                    status = "NeedsReauthorization",
                    reason = "The grant was revoked.",
                },
            }
        );
        return new WebhookMessage(url, id, now, body, secrets.Length == 0 ? [WebhookSecret.New()] : secrets);
    }

    public void Dispose() => _services.Dispose();
}
