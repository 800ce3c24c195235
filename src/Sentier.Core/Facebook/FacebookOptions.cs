namespace Sentier.Core.Facebook;

/// <summary>The <c>Facebook</c> configuration section (<c>Facebook__*</c> app settings).</summary>
public sealed class FacebookOptions
{
    public const string SectionName = "Facebook";

    /// <summary>The Meta app's id, sent in the login dialog URL and the code exchange.</summary>
    public string? AppId { get; set; }

    /// <summary>The Meta app's secret: the code exchange, and the key of <c>X-Hub-Signature-256</c>. A Key Vault reference in Azure.</summary>
    public string? AppSecret { get; set; }

    /// <summary>What Meta must echo in <c>hub.verify_token</c> when the <c>leadgen</c> webhook is subscribed.</summary>
    public string? VerifyToken { get; set; }

    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>Pinned, as Meta recommends: an unversioned call takes whatever the app dashboard says.</summary>
    public string GraphVersion { get; set; } = "v25.0";

    public string DialogBaseUrl { get; set; } = "https://www.facebook.com";

    /// <summary>
    /// Where the login dialog may send users back: absolute http(s) URLs, comma-separated, matched on
    /// scheme, host, port and path (the query may differ). Empty: <c>oauth/start</c> answers 409.
    /// Meta's Strict Mode checks its own list as well.
    /// </summary>
    public string? RedirectUris { get; set; }

    /// <summary>The entries of <see cref="RedirectUris"/>.</summary>
    public IReadOnlyList<string> RedirectUriList =>
        (RedirectUris ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How long one Graph request may take before it is abandoned and retried.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The longest one Graph call may take through the resilience handler, retries and their
    /// delays included (its total timeout): five attempt timeouts.
    /// </summary>
    public TimeSpan GraphCallBudget => TimeSpan.FromSeconds(RequestTimeoutSeconds * 5);

    /// <summary>What storing one Graph page of leads (100 contacts through the import path) is allowed before the lease could lapse.</summary>
    public static readonly TimeSpan PageStoreBudget = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a form's sync lease lasts without renewal. It is renewed right before each page is
    /// stored, so between two renewals come one page's store and the next Graph call: the lease is
    /// twice that, so a slow but live worker never loses it (7 minutes with the default 30 s timeout).
    /// </summary>
    public TimeSpan SyncLeaseDuration => (GraphCallBudget + PageStoreBudget) * 2;

    /// <summary>The permissions the login dialog asks for.</summary>
    public static readonly IReadOnlyList<string> LoginScopes = ["pages_show_list", "pages_read_engagement", "leads_retrieval", "pages_manage_metadata"];

    /// <summary>The Graph API root every request goes to: base URL and version.</summary>
    public Uri GraphRoot => new(GraphBaseUrl.TrimEnd('/') + "/" + GraphVersion.Trim('/') + "/");

    /// <summary>A secret that is empty or an unresolved Key Vault reference is not configured.</summary>
    public static bool IsSet(string? secret) =>
        !string.IsNullOrWhiteSpace(secret) && !secret.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(GraphBaseUrl, UriKind.Absolute, out var graph) || graph.Scheme is not ("https" or "http"))
        {
            yield return "Facebook:GraphBaseUrl must be an absolute http(s) URL such as https://graph.facebook.com.";
        }

        if (!Uri.TryCreate(DialogBaseUrl, UriKind.Absolute, out var dialog) || dialog.Scheme is not ("https" or "http"))
        {
            yield return "Facebook:DialogBaseUrl must be an absolute http(s) URL such as https://www.facebook.com.";
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(GraphVersion.Trim('/'), @"^v\d+\.\d+$"))
        {
            yield return "Facebook:GraphVersion must be a Graph API version such as v25.0.";
        }

        foreach (var entry in RedirectUriList.Where(entry => !Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            yield return $"Facebook:RedirectUris must list absolute http(s) URLs separated by commas; '{entry}' is not one.";
        }

        if (RequestTimeoutSeconds is < 1 or > 300)
        {
            yield return "Facebook:RequestTimeoutSeconds must be 1 to 300.";
        }
    }
}

/// <summary>Stops the app at startup with every problem in the <c>Facebook</c> section named.</summary>
internal sealed class FacebookOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<FacebookOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, FacebookOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
