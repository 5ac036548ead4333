using System.Net;

namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>One loopback address standing for one Salesforce host.</summary>
internal sealed class HostSlot(EmulatorHostKind kind, IPAddress address)
{
    private Uri? _baseUrl;
    private SalesforceOrg? _org;
    private MovedOrg? _moved;

    public EmulatorHostKind Kind { get; } = kind;

    public IPAddress Address { get; } = address;

    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException($"The host {Address} is not listening yet.");

    /// <summary>Scheme, host and port without a trailing slash, as Salesforce writes <c>instance_url</c>.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>The org of a My Domain host; null for other hosts and for My Domain hosts not handed out yet.</summary>
    public SalesforceOrg? Org => Volatile.Read(ref _org);

    /// <summary>The org that moved away from this My Domain host, and what the host answers now; null otherwise.</summary>
    public MovedOrg? Moved => Volatile.Read(ref _moved);

    /// <summary>A My Domain host no org holds or held: the next org (or move) may take it.</summary>
    public bool IsFree => Kind == EmulatorHostKind.MyDomain && Org is null && Moved is null;

    public HostRoles Roles =>
        Kind switch
        {
            EmulatorHostKind.ProductionLogin or EmulatorHostKind.SandboxLogin => HostRoles.Login,
            EmulatorHostKind.ProductionIdentity or EmulatorHostKind.SandboxIdentity => HostRoles.Identity,
            _ => Org switch
            {
                null => HostRoles.None,
                { HasMoved: true } => HostRoles.Login | HostRoles.Instance | HostRoles.Identity,
                _ => HostRoles.Login | HostRoles.Instance,
            },
        };

    public OrgEnvironment? Environment =>
        Kind switch
        {
            EmulatorHostKind.ProductionLogin or EmulatorHostKind.ProductionIdentity => OrgEnvironment.Production,
            EmulatorHostKind.SandboxLogin or EmulatorHostKind.SandboxIdentity => OrgEnvironment.Sandbox,
            _ => Org?.Environment,
        };

    public string Url(string path) => Origin + path;

    /// <summary>
    /// Whether the org's users may log in and use their tokens here: a login host takes the orgs of its
    /// environment, a My Domain host only its own org.
    /// </summary>
    public bool Admits(SalesforceOrg org) =>
        Kind switch
        {
            EmulatorHostKind.ProductionLogin
            or EmulatorHostKind.SandboxLogin
            or EmulatorHostKind.ProductionIdentity
            or EmulatorHostKind.SandboxIdentity => Environment == org.Environment,
            _ => ReferenceEquals(Org, org),
        };

    public void Listen(Uri baseUrl) => _baseUrl = baseUrl;

    public void Assign(SalesforceOrg org) => Volatile.Write(ref _org, org);

    public void Vacate(SalesforceOrg org, MovedHostAnswer answer)
    {
        Volatile.Write(ref _moved, new MovedOrg(org, answer));
        Volatile.Write(ref _org, null);
    }

    public EmulatorHostInfo Describe() => new(Kind, BaseUrl, Org);
}

/// <summary>An org that left a My Domain host, and how that host answers for it now.</summary>
internal sealed record MovedOrg(SalesforceOrg Org, MovedHostAnswer Answer);
