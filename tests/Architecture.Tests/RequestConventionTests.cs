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
        [.. Layers.All.SelectMany(a => a.OwnTypes()).Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsHandlerInterface))];

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
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                .Select(p => $"{t.Name}.{p.Name}")
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly).Select(f => $"{t.Name}.{f.Name}")))
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

    private static bool IsHandlerInterface(Type type) =>
        type.IsGenericType && HandlerInterfaces.Contains(type.GetGenericTypeDefinition());

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
