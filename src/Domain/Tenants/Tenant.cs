using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Tenants;

/// <summary>A customer organisation. Everything a customer owns hangs off one tenant.</summary>
public sealed class Tenant : AuditableEntity
{
    private Tenant()
    {
        Slug = null!;
        Name = null!;
    }

    private Tenant(Guid id, TenantSlug slug, string name)
    {
        Id = id;
        Slug = slug.Value;
        Name = name;
        Status = TenantStatus.Active;
    }

    public Guid Id { get; private set; }
    public string Slug { get; private set; }
    public string Name { get; private set; }
    public TenantStatus Status { get; private set; }

    /// <summary>Whether members must have a second factor (authenticator app or passkey) before the tenant opens to them.</summary>
    public bool RequireSecondFactor { get; private set; }

    /// <summary>Email domains whose members must sign in through single sign-on, lower case.</summary>
    public IReadOnlyList<string> SsoRequiredDomains => _ssoRequiredDomains;

    /// <summary>Whether members who manage users may still sign in with a password when SSO is required (break-glass, audited).</summary>
    public bool SsoAdminBreakGlass { get; private set; } = true;

    private readonly List<string> _ssoRequiredDomains = [];

    public static Tenant Create(Guid id, TenantSlug slug, string name) =>
        new(Guard.NotEmpty(id, "Tenant id"), slug, Guard.NotBlank(name, "Tenant name", 200));

    public void Rename(string name) => Name = Guard.NotBlank(name, "Tenant name", 200);

    /// <summary>Sets how members of this tenant must sign in; returns whether anything changed.</summary>
    public bool SetSignInPolicy(bool requireSecondFactor, IEnumerable<string> ssoRequiredDomains, bool ssoAdminBreakGlass)
    {
        var domains = EmailDomains.Normalise(ssoRequiredDomains);
        var changed =
            requireSecondFactor != RequireSecondFactor
            || ssoAdminBreakGlass != SsoAdminBreakGlass
            || !domains.SequenceEqual(_ssoRequiredDomains, StringComparer.Ordinal);
        RequireSecondFactor = requireSecondFactor;
        SsoAdminBreakGlass = ssoAdminBreakGlass;
        _ssoRequiredDomains.Clear();
        _ssoRequiredDomains.AddRange(domains);
        return changed;
    }

    /// <summary>Whether a member with this email must sign in through single sign-on.</summary>
    public bool RequiresSsoFor(string email) => EmailDomains.Contains(_ssoRequiredDomains, email);

    public void Suspend()
    {
        if (Status == TenantStatus.Suspended)
        {
            throw new IllegalStatusTransitionException(nameof(Tenant), Status.ToString(), TenantStatus.Suspended.ToString());
        }

        Status = TenantStatus.Suspended;
    }

    public void Activate()
    {
        if (Status == TenantStatus.Active)
        {
            throw new IllegalStatusTransitionException(nameof(Tenant), Status.ToString(), TenantStatus.Active.ToString());
        }

        Status = TenantStatus.Active;
    }
}
