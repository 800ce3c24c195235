using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Sentier.Core.Tokens;

/// <summary>
/// The addresses an API app may be used from: single IPv4/IPv6 addresses and CIDR ranges. An
/// empty list allows every address. IPv4 addresses that arrive mapped into IPv6
/// (<c>::ffff:10.0.0.1</c>, common on dual-stack sockets) are compared as IPv4.
/// </summary>
public sealed partial class IpAllowList
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
                    $"'allowed_ips' entry '{Common.MessageText.Clip(raw)}' is not an IPv4/IPv6 address or CIDR range.");
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

    /// <summary>Whether every address <paramref name="other"/> allows is one this list allows too.</summary>
    public bool Covers(IpAllowList other) =>
        AllowsAll || (!other.AllowsAll && other._networks.All(inner => _networks.Any(outer =>
            outer.BaseAddress.AddressFamily == inner.BaseAddress.AddressFamily
            && outer.PrefixLength <= inner.PrefixLength
            && outer.Contains(inner.BaseAddress))));

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

    /// <summary>
    /// Strict forms only: dotted-quad IPv4 without leading zeros, IPv6 without a zone, and a decimal
    /// prefix. The lenient parser would read <c>012.0.0.1</c> as octal 10.0.0.1 and <c>10</c> as
    /// 0.0.0.10, silently letting the wrong network in.
    /// </summary>
    private static IPNetwork? ParseEntry(string entry)
    {
        var parts = entry.Split('/');
        if (parts.Length > 2 || ParseAddress(parts[0]) is not { } address)
        {
            return null;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (parts.Length == 2 && !(DecimalNumber().IsMatch(parts[1]) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out prefix) && prefix <= maxPrefix))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:10.0.0.0/104 is 10.0.0.0/8, the form clients are compared in.
            if (prefix < 96)
            {
                return null;
            }

            (address, prefix) = (address.MapToIPv4(), prefix - 96);
        }

        // A range written with host bits set (10.0.0.1/8) is stored as the range it denotes (10.0.0.0/8).
        return new IPNetwork(MaskToPrefix(address, prefix), prefix);
    }

    private static IPAddress? ParseAddress(string text)
    {
        if (text.Contains(':'))
        {
            // No zone (%eth0) and no brackets: the lenient parser would accept "[::1]:443" and drop the port.
            return text.AsSpan().IndexOfAny("%[]") < 0 && IPAddress.TryParse(text, out var ipv6) ? ipv6 : null;
        }

        return DottedQuad().IsMatch(text) && IPAddress.TryParse(text, out var ipv4) ? ipv4 : null;
    }

    private static IPAddress MaskToPrefix(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static int MaxPrefix(IPNetwork network) =>
        network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,2})$")]
    private static partial Regex DecimalNumber();
}
