using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Telemetry;

namespace Natero.Connectors.Infrastructure.Providers;

/// <summary>
/// Counts and times each call a provider's typed client makes (by provider and outcome), and names the provider on the
/// request so that the HTTP span of each attempt can carry it. Outside the resilience handler: one call, however many
/// attempts it took.
/// </summary>
internal sealed class ProviderCallTelemetry(string provider, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(NateroTelemetry.ProviderOption, provider);
        var started = time.GetTimestamp();
        var outcome = "failure";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outcome = (int)response.StatusCode switch
            {
                >= 500 => "server_error",
                >= 400 => "client_error",
                _ => "success",
            };
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            NateroTelemetry.ProviderCalled(provider, outcome, time.GetElapsedTime(started));
        }
    }
}
