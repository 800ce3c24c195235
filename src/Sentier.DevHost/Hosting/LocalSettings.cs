using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Sentier.DevHost.Hosting;

/// <summary>
/// local.settings.json's <c>Values</c> as configuration, as <c>func start</c> exposes them:
/// <c>Sentier__AdminKey</c> becomes <c>Sentier:AdminKey</c>. They rank below environment variables,
/// so a variable set in the shell overrides the file, as it does under Core Tools.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static string? Find(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new FileNotFoundException($"Settings file '{explicitPath}' does not exist.", explicitPath);
        }

        return new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
            .Select(folder => Path.Combine(folder, FileName))
            .FirstOrDefault(File.Exists);
    }

    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (HostJson.Property(document.RootElement, "Values") is { ValueKind: JsonValueKind.Object } section)
        {
            foreach (var value in section.EnumerateObject())
            {
                values[value.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }

        return values;
    }

    /// <summary><c>Host.LocalHttpPort</c>, the port <c>func start</c> listens on.</summary>
    public static int? ReadHttpPort(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        return HostJson.Property(document.RootElement, "Host") is { } host
            && HostJson.Property(host, "LocalHttpPort") is { ValueKind: JsonValueKind.Number } port
            ? port.GetInt32()
            : null;
    }

    /// <summary>Adds the values beneath every source already present (environment, command line).</summary>
    public static void AddBelowExistingSources(IConfigurationBuilder configuration, IReadOnlyDictionary<string, string?> values) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
}
