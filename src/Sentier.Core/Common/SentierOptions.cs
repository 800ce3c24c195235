namespace Sentier.Core.Common;

/// <summary>The <c>Sentier</c> configuration section (<c>Sentier__*</c> app settings).</summary>
public sealed class SentierOptions
{
    public const string SectionName = "Sentier";

    /// <summary>Enables the admin API when set; compared in constant time with <c>X-Admin-Key</c>.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// How many proxies in front of the app append to <c>X-Forwarded-For</c>. 0 (the DevHost
    /// default) trusts only the connection's address; Azure Functions needs 1 (see docs/operations.md).
    /// </summary>
    public int TrustedProxyHops { get; set; }

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The body limit of <c>contacts/Import</c>, whose 1,000 contacts need more room than other requests.</summary>
    public long MaxImportBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long an instance may serve a token lookup from memory: the bound on how late another
    /// instance sees a revocation. Capped at 30 seconds.
    /// </summary>
    public int TokenCacheSeconds { get; set; } = 30;

    public const int MaxTokenCacheSeconds = 30;
}
