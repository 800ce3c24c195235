using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>A <see cref="WebhookSender"/> built by hand from settings, and requests to send with it.</summary>
internal static class SenderHarness
{
    public const string Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"ping","data":{}}""");

    public static WebhookSender Sender(
        string allowedNetworks = "127.0.0.0/8,::1",
        int timeoutSeconds = 15,
        bool allowHttp = true,
        TimeProvider? time = null,
        SentierMetrics? metrics = null)
    {
        var options = new WebhookOptions { AllowedNetworks = allowedNetworks, AttemptTimeoutSeconds = timeoutSeconds, AllowHttp = allowHttp };
        return new WebhookSender(
            Options.Create(options),
            new OutboundAddressPolicy(options.ParseAllowedNetworks()),
            metrics ?? NewMetrics(),
            time ?? TimeProvider.System);
    }

    public static SentierMetrics NewMetrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    public static WebhookRequest Request(
        Uri url,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null,
        IReadOnlyList<KeyValuePair<string, string>>? query = null,
        params string[] secrets) =>
        new(url, "msg_test_1", Body, secrets.Length == 0 ? [Secret] : secrets, headers ?? [], query ?? []);
}
