using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Web.Api;

/// <summary>Request bodies. Fields are nullable so that a missing one is a validation error naming it, not a 500.</summary>
public sealed record AuthorizationLinkRequest(
    string? Provider,
    ConnectionEnvironment? Environment,
    string? MyDomainHost,
    string? ReturnUrl
);
