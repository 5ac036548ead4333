using Natero.Connectors.Application;
using Natero.Connectors.Application.Common.Behaviours;
using Natero.Connectors.Infrastructure;

namespace Natero.Connectors.Web.Composition;

public static class NateroCoreServices
{
    /// <summary>
    /// The use cases with their pipeline and infrastructure, without any HTTP: what the web host adds
    /// and what the functional tests host on their own.
    /// </summary>
    public static IServiceCollection AddNateroCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Natero.Connectors.Application.DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(UnhandledExceptionBehaviour<,>),
                typeof(AuditBehaviour<,>),
                typeof(TenantBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(PerformanceBehaviour<,>),
            ];
        });
        return services;
    }
}
