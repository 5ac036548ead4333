namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

/// <summary>
/// What starting an authorization asks for, whether a person starts it now (<see cref="AuthorizeProviderCommand"/>)
/// or automation leaves a link for later (<c>CreateAuthorizationLinkCommand</c>): one input, one set of rules.
/// </summary>
public interface IAuthorizeInput
{
    string Provider { get; }

    /// <summary>The provider's environment (e.g. Production); none for a provider that has one place.</summary>
    string? Environment { get; }

    /// <summary>The host the person typed where the provider has one per account: a My Domain, a subdomain.</summary>
    string? Host { get; }

    string? ReturnUrl { get; }
}
