using System.Reflection;
using System.Runtime.CompilerServices;
using Mediator;
using Natero.Connectors.Application.Common.Security;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>Requests are immutable records, handlers are sealed, and permissions are always scoped to a tenant.</summary>
public sealed class RequestConventionTests
{
    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<>),
        typeof(ICommandHandler<,>),
        typeof(IQueryHandler<,>),
        typeof(IRequestHandler<>),
        typeof(IRequestHandler<,>),
        typeof(IStreamCommandHandler<,>),
        typeof(IStreamQueryHandler<,>),
        typeof(IStreamRequestHandler<,>),
        typeof(INotificationHandler<>),
    ];

    private static IReadOnlyList<Type> Handlers { get; } =
    [
        .. Layers
            .All.SelectMany(a => a.OwnTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsHandlerInterface)),
    ];

    private static IReadOnlyList<Type> Requests { get; } =
    [.. Layers.Application.OwnTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))];

    [Fact]
    public void Handlers_are_sealed()
    {
        Handlers.ShouldNotBeEmpty();
        Handlers.Where(t => !t.IsSealed).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void Requests_are_records()
    {
        Requests.ShouldNotBeEmpty();

        // The compiler gives every record class a clone method named <Clone>$; no other class can have one.
        Requests.Where(t => t.GetMethod("<Clone>$") is null).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void Requests_are_immutable()
    {
        var mutable = Requests
            .SelectMany(t =>
                t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                    .Select(p => $"{t.Name}.{p.Name}")
                    .Concat(
                        t.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly).Select(f => $"{t.Name}.{f.Name}")
                    )
            )
            .ToList();

        mutable.ShouldBeEmpty();
    }

    [Fact]
    public void Every_request_that_needs_a_permission_acts_inside_a_tenant()
    {
        var permissionRequests = Requests.Where(t => t.IsDefined(typeof(RequirePermissionAttribute), inherit: true)).ToList();

        permissionRequests.ShouldNotBeEmpty();
        permissionRequests.Where(t => !typeof(ITenantRequest).IsAssignableFrom(t)).Select(t => t.FullName).ShouldBeEmpty();
    }

    /// <summary>
    /// The folder says what a request is: a reader looking for what changes state opens <c>Commands</c>, and
    /// nothing there only reads. A request that hands out a credential (<c>GetAccessTokenCommand</c>) is a
    /// command: it is audited every time and may refresh the token.
    /// </summary>
    [Fact]
    public void Queries_never_sit_in_a_Commands_folder_nor_commands_in_a_Queries_folder()
    {
        var misplaced = Requests
            .Where(t =>
                (Implements(t, typeof(IQuery<>)) && HasNamespaceSegment(t, "Commands"))
                || ((Implements(t, typeof(ICommand<>)) || typeof(ICommand).IsAssignableFrom(t)) && HasNamespaceSegment(t, "Queries"))
            )
            .Select(t => t.FullName)
            .ToList();

        Requests.Count(t => Implements(t, typeof(IQuery<>))).ShouldBeGreaterThan(0);
        misplaced.ShouldBeEmpty();
    }

    private static bool Implements(Type type, Type openGeneric) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);

    private static bool HasNamespaceSegment(Type type, string segment) => (type.Namespace ?? string.Empty).Split('.').Contains(segment);

    private static bool IsHandlerInterface(Type type) => type.IsGenericType && HandlerInterfaces.Contains(type.GetGenericTypeDefinition());

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
