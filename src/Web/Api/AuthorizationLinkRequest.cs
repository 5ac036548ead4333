namespace Natero.Connectors.Web.Api;

/// <summary>Request bodies. Fields are nullable so that a missing one is a validation error naming it, not a 500.</summary>
/// <param name="Environment">As the provider names it (GET /api/v1/providers); none for a provider with one place.</param>
/// <param name="Host">The host the person signs in at, where the provider has one per account; or:</param>
/// <param name="MyDomainHost">Salesforce's My Domain (the same as host).</param>
/// <param name="Subdomain">A Zendesk subdomain, acme or acme.zendesk.com (the same as host).</param>
public sealed record AuthorizationLinkRequest(
    string? Provider,
    string? Environment,
    string? MyDomainHost,
    string? ReturnUrl,
    string? Subdomain = null,
    string? Host = null
)
{
    public string? SignInHost => Host ?? MyDomainHost ?? Subdomain;
}
