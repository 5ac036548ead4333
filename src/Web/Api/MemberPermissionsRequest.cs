namespace Natero.Connectors.Web.Api;

public sealed record MemberPermissionsRequest(IReadOnlyList<string>? Permissions);
