using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.ApiKeys.Usage;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Application.Platform.TokenKeys;

namespace Natero.Connectors.Application;

public static class DependencyInjection
{
    /// <summary>Registers what the use cases need besides the mediator, which the host generates.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Validators are singletons unless a rule asks a scoped port (the provider checks a My Domain host).
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddValidatorsFromAssembly(
            assembly,
            ServiceLifetime.Singleton,
            r => !NeedsServices(r.ValidatorType),
            includeInternalTypes: true
        );
        services.AddValidatorsFromAssembly(
            assembly,
            ServiceLifetime.Scoped,
            r => NeedsServices(r.ValidatorType),
            includeInternalTypes: true
        );
        services.AddScoped<ICurrentTenantAccess, CurrentTenantAccess>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<Tenants.Invitations.InvitationMail>();
        services.AddScoped<Platform.Accounts.AccountSwitch>();
        services.AddScoped<Tenants.Invitations.Commands.AcceptInvitation.InvitationAcceptance>();
        services.AddScoped<Accounts.SsoPasswordPolicy>();
        services.TryAddSingleton<ISsoProviders, Accounts.NoSsoProviders>();
        services.AddSingleton<IConnectionAccessTokens, ConnectionAccessTokens>();
        services.AddSingleton<IConnectionVerifier, ConnectionVerifier>();
        services.AddScoped<TokenKeyRotation>();
        services.AddScoped<Connections.Revocations.GrantRevoker>();
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyCacheSignals>();
        services.TryAddSingleton<IApiKeyCacheInvalidation, InProcessApiKeyCacheInvalidation>();
        services.AddSingleton<ApiKeyRefusals>();
        services.AddSingleton<ApiCallCounts>();
        services.AddScoped<IApiKeyAuthenticator, ApiKeyAuthenticator>();
        services.TryAddScoped<IRequestContext, NoRequestContext>();
        services.AddScoped<Common.Events.IEventConsumer, Notifications.ConnectionNotifications>();
        services.AddScoped<Notifications.WebhookDisabledNotice>();
        services.AddScoped<Notifications.DailyDigest>();
        return services;
    }

    private static bool NeedsServices(Type validator) => validator.GetConstructors().All(c => c.GetParameters().Length > 0);
}
