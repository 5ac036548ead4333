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
            // Application states this order and why, in PipelineOrder.Behaviours; PipelineOrderTests checks the
            // two agree. It is repeated inline because Mediator's source generator reads this list at compile
            // time and only as typeof() entries: a reference to that array or a spread of it compiles without a
            // warning, and the spread was seen to register no behaviour at all.
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
