using System.Net;

namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>
/// The loopback addresses that stand for Salesforce's hosts. Each host is its own address (and so its
/// own origin), so a client that ignores the returned <c>instance_url</c> or <c>id</c> reaches a host
/// that does not serve what it asked for.
/// </summary>
internal sealed class HostMap
{
    /// <summary>My Domain hosts take 127.0.0.10 and up, leaving room below for the fixed hosts.</summary>
    private const int FirstMyDomainAddress = 10;

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, HostSlot> _byAddress;

    public HostMap(int myDomainHosts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(myDomainHosts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(myDomainHosts, 254 - FirstMyDomainAddress);
        List<HostSlot> slots =
        [
            new(EmulatorHostKind.ProductionLogin, Loopback(1)),
            new(EmulatorHostKind.SandboxLogin, Loopback(2)),
            new(EmulatorHostKind.ProductionIdentity, Loopback(3)),
            new(EmulatorHostKind.SandboxIdentity, Loopback(4)),
        ];
        slots.AddRange(
            Enumerable.Range(FirstMyDomainAddress, myDomainHosts).Select(i => new HostSlot(EmulatorHostKind.MyDomain, Loopback(i)))
        );
        All = slots;
        _byAddress = slots.ToDictionary(s => s.Address);
    }

    public IReadOnlyList<HostSlot> All { get; }

    public HostSlot ProductionLogin => All[0];

    public HostSlot SandboxLogin => All[1];

    public HostSlot? Find(IPAddress? localAddress)
    {
        if (localAddress is null)
        {
            return null;
        }

        var address = localAddress.IsIPv4MappedToIPv6 ? localAddress.MapToIPv4() : localAddress;
        return _byAddress.GetValueOrDefault(address);
    }

    public HostSlot LoginHostFor(OrgEnvironment environment) => environment == OrgEnvironment.Production ? ProductionLogin : SandboxLogin;

    public HostSlot IdentityHostFor(OrgEnvironment environment) => environment == OrgEnvironment.Production ? All[2] : All[3];

    /// <summary>
    /// The <c>id</c> URL of a user: on the identity host of the org's environment, or on the org's own host once it
    /// has moved, so that a client which kept the first <c>id</c> is told apart from one that stored the new one.
    /// </summary>
    public string IdentityUrl(EmulatorUser user)
    {
        var path = $"/id/{user.Org.Id}/{user.Id}";
        return user.Org.HasMoved ? user.Org.InstanceUrl + path : IdentityHostFor(user.Org.Environment).Url(path);
    }

    /// <summary>Hands the next free My Domain host to a new org.</summary>
    public SalesforceOrg ClaimMyDomainHost(Func<Uri, SalesforceOrg> createOrg)
    {
        lock (_gate)
        {
            var slot = NextFree();
            var org = createOrg(slot.BaseUrl);
            slot.Assign(org);
            return org;
        }
    }

    /// <summary>Moves an org to the next free My Domain host; the one it leaves answers as <paramref name="answer"/> says.</summary>
    public void Move(SalesforceOrg org, MovedHostAnswer answer, Action<Uri> relocate)
    {
        lock (_gate)
        {
            var from = All.Single(s => ReferenceEquals(s.Org, org));
            var to = NextFree();
            relocate(to.BaseUrl);
            to.Assign(org);
            from.Vacate(org, answer);
        }
    }

    private HostSlot NextFree() =>
        All.FirstOrDefault(s => s.IsFree)
        ?? throw new InvalidOperationException(
            "Every My Domain host is taken: start the emulator with a larger "
                + $"{nameof(SalesforceEmulatorOptions)}.{nameof(SalesforceEmulatorOptions.MyDomainHosts)}."
        );

    private static IPAddress Loopback(int lastByte) => new([127, 0, 0, (byte)lastByte]);
}
