namespace Natero.Connectors.Application.Common.Providers;

/// <summary>What a person gives to authorize a provider.</summary>
public enum SignInInput
{
    Nothing,
    Environment,
    Subdomain,
}
