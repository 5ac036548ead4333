using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

/// <summary>
/// What starting an authorization asks for, whether a person starts it now (<see cref="AuthorizeProviderCommand"/>)
/// or automation leaves a link for later (<c>CreateAuthorizationLinkCommand</c>): one input, one set of rules.
/// </summary>
public interface IAuthorizeInput
{
    string Provider { get; }
    ConnectionEnvironment Environment { get; }
    string? MyDomainHost { get; }
    string? ReturnUrl { get; }
}
