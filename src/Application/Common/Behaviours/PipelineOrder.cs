namespace Natero.Connectors.Application.Common.Behaviours;

/// <summary>
/// The order in which every request passes the behaviours, outermost first. The host hands this list to
/// Mediator's <c>AddMediator</c> (Web/Composition/NateroCoreServices.cs); a test compares the pipeline the
/// container builds with it.
/// </summary>
public static class PipelineOrder
{
    /// <remarks>
    /// <list type="number">
    /// <item><see cref="LoggingBehaviour{TMessage,TResponse}"/>: first, so that every request is named in the log,
    /// including one that a later behaviour refuses or that throws.</item>
    /// <item><see cref="UnhandledExceptionBehaviour{TMessage,TResponse}"/>: logs a bug anywhere below it, the
    /// audit's own save included, with the request's name, and lets it go on to become a 500.</item>
    /// <item><see cref="AuditBehaviour{TMessage,TResponse}"/>: outside the tenant, authorization and validation
    /// checks, so that their refusals are results it sees and records (a refused command as Denied, a refused
    /// query as <c>access.denied</c>, invalid input as Failure); a behaviour inside it could refuse unrecorded.</item>
    /// <item><see cref="TenantBehaviour{TMessage,TResponse}"/>: settles that the caller belongs to the tenant
    /// before authorization reads their permissions in it.</item>
    /// <item><see cref="AuthorizationBehaviour{TMessage,TResponse}"/>: before validation, so that someone who may
    /// not send the request learns nothing from validation messages about its input.</item>
    /// <item><see cref="ValidationBehaviour{TMessage,TResponse}"/>: the handler sees only valid input.</item>
    /// <item><see cref="PerformanceBehaviour{TMessage,TResponse}"/>: innermost, so that it times the handler's
    /// own work rather than the checks around it.</item>
    /// </list>
    /// </remarks>
    public static readonly IReadOnlyList<Type> Behaviours =
    [
        typeof(LoggingBehaviour<,>),
        typeof(UnhandledExceptionBehaviour<,>),
        typeof(AuditBehaviour<,>),
        typeof(TenantBehaviour<,>),
        typeof(AuthorizationBehaviour<,>),
        typeof(ValidationBehaviour<,>),
        typeof(PerformanceBehaviour<,>),
    ];
}
