using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The HTTP handler webhooks go out through. It resolves the host itself and checks each address
/// with <see cref="OutboundAddressPolicy"/> at connect time, on the address it then connects to,
/// so a name that resolves to a public address when the subscription is saved and to a private one
/// later (DNS rebinding) is still refused. No proxy (the check would see the proxy, not the
/// destination), no redirects (a 3xx is the receiver's answer, and following it would bypass the
/// check on the first hop's terms), no cookies, no decompression.
/// </summary>
public static class OutboundHttpHandler
{
    /// <summary>Bounds how long a pooled connection keeps the address it resolved when it opened.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    public static SocketsHttpHandler Create(OutboundAddressPolicy policy, TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = PooledConnectionLifetime,
        // Header parameters filled from contact fields can hold any text; the default would refuse to send it.
        RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(OutboundAddressPolicy policy, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);

        string? firstRefusal = null;
        Exception? lastFailure = null;
        foreach (var resolved in addresses)
        {
            // A mapped address needs a dual-mode socket; its IPv4 form is the same destination.
            var address = resolved.IsIPv4MappedToIPv6 ? resolved.MapToIPv4() : resolved;
            if ((literal is null ? policy.RefusalReason(endPoint.Host, resolved) : policy.RefusalReason(resolved)) is { } reason)
            {
                firstRefusal ??= reason;
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException failure)
            {
                socket.Dispose();
                lastFailure = failure;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        if (lastFailure is not null)
        {
            throw lastFailure;
        }

        throw new DestinationRefusedException(firstRefusal ?? $"{endPoint.Host} resolves to no address");
    }
}
