namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// An OpenID Connect provider the deployment configured. <see cref="EmailDomains"/> are the domains whose
/// accounts a first sign-in through it may link to or create (lower case, see <c>EmailDomains.Normalise</c>).
/// </summary>
public sealed record SsoProvider(string Name, string DisplayName, IReadOnlyList<string> EmailDomains);
