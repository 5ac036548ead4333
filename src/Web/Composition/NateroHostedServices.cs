namespace Natero.Connectors.Web.Composition;

internal static class NateroHostedServices
{
    /// <summary>What runs beside the requests: the sign-in banner on the console, the memory trim after start-up.</summary>
    public static void AddNateroHostedServices(this IServiceCollection services)
    {
        services.AddHostedService<SignInBanner>();
        services.AddHostedService<StartupMemoryTrim>();
    }
}
