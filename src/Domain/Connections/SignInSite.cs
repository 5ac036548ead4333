using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// Where a person signs in to a provider, in the provider's own terms: the environment it names (production,
/// sandbox, a My Domain; the single place of a provider that has one) and, for a provider with a host per
/// account (a My Domain, a subdomain of the provider's), that host as the provider normalised it.
/// Each provider's adapter decides what the words mean; the rest of Natero only stores and hands them back.
/// </summary>
public sealed record SignInSite
{
    /// <summary>The longest DNS name, with room for the loopback origin an emulator uses.</summary>
    public const int HostMaxLength = 253;

    public SignInSite(string environment, string? host)
    {
        Environment = Guard.NotBlank(environment, "Environment", 32);
        Host = string.IsNullOrWhiteSpace(host) ? null : Guard.NotBlank(host, "Sign-in host", HostMaxLength);
    }

    public string Environment { get; }

    public string? Host { get; }

    public override string ToString() => Host is null ? Environment : $"{Environment} ({Host})";
}
