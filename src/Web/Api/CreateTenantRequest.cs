namespace Natero.Connectors.Web.Api;

public sealed record CreateTenantRequest(string? Name, string? Slug, string? AdminEmail);
