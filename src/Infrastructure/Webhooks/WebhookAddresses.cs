using System.Net;
using System.Net.Sockets;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// Which IP addresses a webhook may reach (S28), in one place for the URL check at registration and the connect
/// step at delivery. Only public unicast addresses pass; loopback passes too when <c>Webhooks:AllowLoopbackHttp</c>
/// is on. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
/// </summary>
internal static class WebhookAddresses
{
    public const string LoopbackKind = "loopback";

    /// <summary>IPv4 ranges a webhook never reaches, most specific first, with the words that name them.</summary>
    private static readonly (uint Network, int PrefixLength, string Kind)[] ForbiddenIPv4 =
    [
        (V4(0, 0, 0, 0), 32, "unspecified"),
        (V4(255, 255, 255, 255), 32, "broadcast"),
        (V4(169, 254, 169, 254), 32, "cloud metadata"),
        (V4(0, 0, 0, 0), 8, "reserved (\"this network\")"),
        (V4(127, 0, 0, 0), 8, LoopbackKind),
        (V4(10, 0, 0, 0), 8, "private"),
        (V4(172, 16, 0, 0), 12, "private"),
        (V4(192, 168, 0, 0), 16, "private"),
        (V4(169, 254, 0, 0), 16, "link-local"),
        (V4(100, 64, 0, 0), 10, "shared (carrier-grade NAT)"),
        (V4(192, 0, 0, 0), 24, "reserved (IETF protocol assignments)"),
        (V4(192, 0, 2, 0), 24, "documentation"),
        (V4(198, 51, 100, 0), 24, "documentation"),
        (V4(203, 0, 113, 0), 24, "documentation"),
        (V4(192, 88, 99, 0), 24, "reserved (6to4 relay)"),
        (V4(198, 18, 0, 0), 15, "benchmarking"),
        (V4(224, 0, 0, 0), 4, "multicast"),
        (V4(240, 0, 0, 0), 4, "reserved"),
    ];

    /// <summary>
    /// Why <paramref name="address"/> may not be reached, as the kind of address ("private", "loopback", ...), or
    /// null when it may.
    /// </summary>
    public static string? ForbiddenKind(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        var kind = address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IPv4Kind(address),
            AddressFamily.InterNetworkV6 => IPv6Kind(address),
            _ => "non-IP",
        };
        return kind == LoopbackKind && allowLoopback ? null : kind;
    }

    /// <summary>
    /// The words for a refused address: "a private address (10.0.0.5)", naming the IPv4 address inside an IPv6 form
    /// that carries one, since that address is what was judged.
    /// </summary>
    public static string Describe(string kind, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var judged =
            address.AddressFamily == AddressFamily.InterNetworkV6 && !IsUnspecifiedOrLoopbackV6(address)
                ? EmbeddedIPv4(address.GetAddressBytes()) ?? address
                : address;
        return $"{Article(kind)} {kind} address ({judged})";
    }

    public static bool IsLoopback(IPAddress address) => ForbiddenKind(address, allowLoopback: false) == LoopbackKind;

    private static string? IPv4Kind(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var value = V4(bytes[0], bytes[1], bytes[2], bytes[3]);
        foreach (var (network, prefixLength, kind) in ForbiddenIPv4)
        {
            var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
            if ((value & mask) == network)
            {
                return kind;
            }
        }

        return null;
    }

    private static string? IPv6Kind(IPAddress address)
    {
        if (IsUnspecifiedOrLoopbackV6(address))
        {
            return address.Equals(IPAddress.IPv6Any) ? "unspecified" : LoopbackKind;
        }

        var bytes = address.GetAddressBytes();
        if (EmbeddedIPv4(bytes) is { } embedded)
        {
            return IPv4Kind(embedded);
        }

        return (bytes[0], bytes[1]) switch
        {
            (0xff, _) => "multicast",
            (0xfe, >= 0x80 and <= 0xbf) => "link-local",
            (0xfe, >= 0xc0) => "private (site-local)",
            (0xfc or 0xfd, _) => "private",
            (0x20, 0x01) when bytes[2] == 0x0d && bytes[3] == 0xb8 => "documentation",
            (0x20, 0x01) when bytes[2] <= 0x01 => "reserved (IETF protocol assignments)",
            // Everything else outside 2000::/3, the global unicast space, is reserved or not routed.
            _ when (bytes[0] & 0xe0) != 0x20 => "reserved",
            _ => null,
        };
    }

    /// <summary>
    /// The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4
    /// (2002::/16) address.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(byte[] bytes)
    {
        if (AllZero(bytes, 0, 10) && ((bytes[10] == 0xff && bytes[11] == 0xff) || (bytes[10] == 0 && bytes[11] == 0)))
        {
            return new IPAddress(bytes[12..16]);
        }

        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && AllZero(bytes, 4, 8))
        {
            return new IPAddress(bytes[12..16]);
        }

        return bytes[0] == 0x20 && bytes[1] == 0x02 ? new IPAddress(bytes[2..6]) : null;
    }

    /// <summary>:: and ::1, which sit inside ::/96 but carry no IPv4 address.</summary>
    private static bool IsUnspecifiedOrLoopbackV6(IPAddress address) =>
        address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback);

    private static bool AllZero(byte[] bytes, int start, int count) => bytes.AsSpan(start, count).IndexOfAnyExcept((byte)0) < 0;

    private static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    private static string Article(string kind) => "aeiou".Contains(kind[0], StringComparison.Ordinal) ? "an" : "a";
}
