using Microsoft.Extensions.Hosting;

namespace Natero.Connectors.Infrastructure.Crypto;

/// <summary>Loads the token keys when the app starts, so a bad key or a missing secret store shows at once.</summary>
internal sealed class TokenKeyRingStartupCheck(TokenKeyRing keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = keys.Active;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
