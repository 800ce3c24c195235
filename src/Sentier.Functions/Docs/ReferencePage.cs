using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Sentier.Functions.Http;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace Sentier.Functions.Docs;

/// <summary>
/// The interactive reference at <c>docs</c>: Swagger UI's files, as the Swashbuckle package embeds
/// them in its assembly (so the page needs no CDN, offline as on Azure), and this app's page and
/// script that point it at the document served beside them. Only the files the page loads are
/// served, by exact name: nothing else of either assembly can be reached through a file name.
/// </summary>
public sealed class ReferencePage
{
    /// <summary>
    /// The page names each file with a hash of its content (<c>?v=…</c>), so a file's address
    /// changes with it: a browser may keep what it fetched for a year and never ask again, and a new
    /// release (a new package, a new script) is loaded at once.
    /// </summary>
    private const string AssetCaching = "public, max-age=31536000, immutable";

    private const string SwaggerUiResources = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";
    private const string OwnResources = "Sentier.Functions.Docs.Page.";

    /// <summary>The page loads scripts and styles from its own folder only, and calls this host only.</summary>
    private const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly string _page;
    private readonly Dictionary<string, StaticFile> _assets;

    public ReferencePage()
    {
        var swaggerUi = typeof(SwaggerUIOptions).Assembly;
        var own = typeof(ReferencePage).Assembly;
        _assets = new(StringComparer.Ordinal)
        {
            ["swagger-ui.css"] = new(Read(swaggerUi, SwaggerUiResources + "swagger-ui.css"), "text/css; charset=utf-8", AssetCaching),
            ["swagger-ui-bundle.js"] = new(Read(swaggerUi, SwaggerUiResources + "swagger-ui-bundle.js"), StaticFile.JavaScript, AssetCaching),
            ["favicon-32x32.png"] = new(Read(swaggerUi, SwaggerUiResources + "favicon-32x32.png"), "image/png", AssetCaching),
            ["reference.js"] = new(Read(own, OwnResources + "reference.js"), StaticFile.JavaScript, AssetCaching),
        };
        _page = Encoding.UTF8.GetString(Read(own, OwnResources + "reference.html"));
        foreach (var (name, file) in _assets)
        {
            _page = _page.Replace("{{" + name + "}}", $"{name}?v={Convert.ToHexStringLower(SHA256.HashData(file.Content))[..16]}", StringComparison.Ordinal);
        }
    }

    /// <summary>The page as served at <paramref name="pagePath"/> (the request's path: the route prefix and casing as the caller sent them), its files resolved beneath it.</summary>
    public StaticFile Page(string pagePath)
    {
        var html = _page.Replace("{{base}}", HtmlEncoder.Default.Encode(pagePath.TrimEnd('/') + "/"), StringComparison.Ordinal);
        return new StaticFile(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", "no-cache") { ContentSecurityPolicy = PagePolicy };
    }

    /// <returns>The file of the page named <paramref name="name"/>, or null when the page has none of that name.</returns>
    public StaticFile? Asset(string name) => _assets.GetValueOrDefault(name);

    /// <summary>Reads a resource whole; the package stores its larger files gzip-compressed.</summary>
    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The assembly {assembly.GetName().Name} has no resource '{name}'.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }

        return bytes;
    }
}
