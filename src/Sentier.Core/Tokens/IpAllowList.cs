using System.Net;

namespace Sentier.Core.Tokens;

/// <summary>
/// The addresses an API app may be used from: single IPv4/IPv6 addresses and CIDR ranges. An
/// empty list allows every address. IPv4 addresses that arrive mapped into IPv6
/// (<c>::ffff:10.0.0.1</c>, common on dual-stack sockets) are compared as IPv4.
/// </summary>
public sealed class IpAllowList
{
    public const int MaxEntries = 100;

    private readonly IPNetwork[] _networks;

    private IpAllowList(IReadOnlyList<string> entries, IPNetwork[] networks)
    {
        Entries = entries;
        _networks = networks;
    }

    public static IpAllowList Empty { get; } = new([], []);

    /// <summary>The entries in canonical form (<c>10.0.0.0/8</c>, <c>2001:db8::1</c>), as stored and shown.</summary>
    public IReadOnlyList<string> Entries { get; }

    public bool AllowsAll => _networks.Length == 0;

    public static IpAllowList Parse(IEnumerable<string> entries)
    {
        var canonical = new List<string>();
        var networks = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            var network = ParseEntry(raw.Trim())
                ?? throw new Common.InvalidRequestException(
                    $"'allowed_ips' entry '{Truncate(raw)}' is not an IPv4/IPv6 address or CIDR range.");
            var text = network.PrefixLength == MaxPrefix(network) ? network.BaseAddress.ToString() : network.ToString();
            if (!canonical.Contains(text))
            {
                canonical.Add(text);
                networks.Add(network);
            }
        }

        if (networks.Count > MaxEntries)
        {
            throw new Common.InvalidRequestException($"'allowed_ips' has more than {MaxEntries} entries.");
        }

        return networks.Count == 0 ? Empty : new IpAllowList(canonical, [.. networks]);
    }

    public bool Allows(IPAddress? address)
    {
        if (AllowsAll)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in _networks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    private static IPNetwork? ParseEntry(string entry)
    {
        if (entry.Contains('/'))
        {
            // A range written with host bits set (10.0.0.1/8) is stored as the range it denotes (10.0.0.0/8).
            return IPNetwork.TryParse(entry, out var network) ? Normalize(network) : null;
        }

        if (IPAddress.TryParse(entry, out var address) && !entry.Contains('%'))
        {
            var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return new IPNetwork(normalized, normalized.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        return null;
    }

    private static IPNetwork Normalize(IPNetwork network) =>
        network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96
            ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
            : network;

    private static int MaxPrefix(IPNetwork network) =>
        network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
