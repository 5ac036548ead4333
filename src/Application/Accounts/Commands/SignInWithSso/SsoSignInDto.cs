using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.Accounts.Commands.SignInWithSso;

/// <param name="JoinedTenantSlug">The tenant whose invitation this sign-in accepted, where the person expects to land.</param>
public sealed record SsoSignInDto(UserSummary User, string? JoinedTenantSlug);
