using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Natero.Connectors.Infrastructure.Providers;

/// <summary>
/// One provider's adapter registering itself: its options, its typed HTTP clients and its <c>IOAuthProvider</c>. A new
/// provider is a folder with a module, an adapter and options; nothing outside that folder names it.
/// </summary>
internal interface IProviderModule
{
    /// <summary>Where the provider sits in lists (the Manage OAuth dropdown, GET /api/v1/providers): lower first.</summary>
    int Order { get; }

    void AddTo(IServiceCollection services, IConfiguration configuration);
}

/// <summary>Finds every provider module of this assembly and lets each register itself, in their order.</summary>
internal static class ProviderModules
{
    public static void AddAll(IServiceCollection services, IConfiguration configuration)
    {
        var modules = typeof(ProviderModules)
            .Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProviderModule).IsAssignableFrom(t))
            .Select(t => (IProviderModule)Activator.CreateInstance(t)!)
            .OrderBy(m => m.Order)
            .ThenBy(m => m.GetType().Name, StringComparer.Ordinal);
        foreach (var module in modules)
        {
            module.AddTo(services, configuration);
        }
    }
}
