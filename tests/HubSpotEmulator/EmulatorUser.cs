namespace Natero.Connectors.HubSpotEmulator;

/// <summary>A HubSpot login. One login may belong to several accounts; the account chooser then asks which.</summary>
public sealed class EmulatorUser
{
    private readonly List<PortalMembership> _memberships = [];
    private readonly Lock _gate = new();

    internal EmulatorUser(long userId, string email, string password, string firstName, string lastName)
    {
        UserId = userId;
        Email = email;
        Password = password;
        FirstName = firstName;
        LastName = lastName;
    }

    /// <summary><c>user_id</c> in token metadata; the same in every account the user belongs to.</summary>
    public long UserId { get; }

    /// <summary>The login name, and <c>user</c> in token metadata.</summary>
    public string Email { get; }

    public string Password { get; set; }

    public string FirstName { get; }

    public string LastName { get; }

    public bool Active { get; set; } = true;

    public IReadOnlyList<PortalMembership> Memberships
    {
        get
        {
            lock (_gate)
            {
                return [.. _memberships];
            }
        }
    }

    public PortalMembership? MembershipIn(Portal portal) => Memberships.FirstOrDefault(m => m.Portal == portal);

    internal PortalMembership Join(PortalMembership membership)
    {
        lock (_gate)
        {
            _memberships.Add(membership);
        }

        return membership;
    }

    public override string ToString() => Email;
}
