using System.Reflection;
using System.Runtime.CompilerServices;
using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Architecture.Tests;

/// <summary>Entities guard their invariants: state changes only through their own methods.</summary>
public sealed class DomainModelTests
{
    // An entity is a class with an identity: it derives from Entity or carries a Guid Id.
    private static IReadOnlyList<Type> Entities { get; } =
    [
        .. Layers
            .Domain.OwnTypes()
            .Where(t =>
                t is { IsClass: true, IsAbstract: false }
                && (typeof(Entity).IsAssignableFrom(t) || t.GetProperty("Id")?.PropertyType == typeof(Guid))
            ),
    ];

    [Fact]
    public void Entities_are_found()
    {
        Entities
            .Select(t => t.Name)
            .ShouldBe(
                [
                    "ApiKey",
                    "AuditAnchor",
                    "AuditCheckpoint",
                    "AuditEvent",
                    "AuthorizationLink",
                    "Invitation",
                    "Membership",
                    "PendingAuthorization",
                    "GrantRevocation",
                    "SignInSession",
                    "ProviderConnection",
                    "Tenant",
                    "OutboundEvent",
                    "WebhookEndpoint",
                    "WebhookDelivery",
                    "NotificationPreferences",
                    "ScheduledRun",
                    "ConnectionVerification",
                    "ApiCallTally",
                ],
                ignoreOrder: true
            );
    }

    [Fact]
    public void Entity_properties_have_no_public_setter()
    {
        var settable = Entities
            .SelectMany(t =>
                t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.SetMethod is { IsPublic: true })
                    .Select(p => $"{t.Name}.{p.Name}")
            )
            .ToList();

        settable.ShouldBeEmpty();
    }

    [Fact]
    public void No_domain_type_has_a_public_mutable_setter()
    {
        var settable = Layers
            .Domain.OwnTypes()
            .SelectMany(t =>
                t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(p =>
                        p.SetMethod is { IsPublic: true } setter
                        && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit))
                    )
                    .Select(p => $"{t.Name}.{p.Name}")
            )
            .ToList();

        settable.ShouldBeEmpty();
    }
}
