using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Application.Platform.TokenKeys;
using Natero.Connectors.Application.Common.Security;

namespace Natero.Connectors.Application;

public static class DependencyInjection
{
    /// <summary>Registers what the use cases need besides the mediator, which the host generates.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
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
        services.AddMemoryCache();
        services.AddSingleton<ApiKeyCreatorSignals>();
        services.AddSingleton<ApiKeyRefusals>();
        services.AddScoped<IApiKeyAuthenticator, ApiKeyAuthenticator>();
        services.TryAddScoped<IRequestContext, NoRequestContext>();
        return services;
    }
}
