using Sentier.DevHost.Hosting;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Hosting;

/// <summary>local.settings.json Values become configuration keys with <c>__</c> turned into <c>:</c>, as func start exposes them.</summary>
public sealed class LocalSettingsFlattenDoubleUnderscore
{
    [Fact]
    public void DoubleUnderscoreBecomesColon()
    {
        using var file = new TempFile("""
            {
              // comments and trailing commas are tolerated, as Core Tools does
              "IsEncrypted": false,
              "Values": {
                "Sentier__AdminKey": "key-1",
                "AppStorage": "UseDevelopmentStorage=true",
                "A__B__C": "deep",
                "Number": 42,
                "Flag": true,
              },
            }
            """);

        var values = LocalSettings.ReadValues(file.Path);

        Assert.Equal("key-1", values["Sentier:AdminKey"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AppStorage"]);
        Assert.Equal("deep", values["A:B:C"]);
        Assert.Equal("42", values["Number"]);
        Assert.Equal("true", values["Flag"]);
        Assert.False(values.ContainsKey("Sentier__AdminKey"));
        Assert.Equal(5, values.Count);
    }

    [Fact]
    public void KeysAreCaseInsensitive()
    {
        using var file = new TempFile("""{ "Values": { "Sentier__AdminKey": "k" } }""");

        Assert.Equal("k", LocalSettings.ReadValues(file.Path)["sentier:adminkey"]);
    }

    [Fact]
    public void NoValuesSectionGivesNothing()
    {
        using var file = new TempFile("""{ "IsEncrypted": false }""");

        Assert.Empty(LocalSettings.ReadValues(file.Path));
    }

    [Fact]
    public void AnExplicitSettingsPathThatDoesNotExistIsAnError() =>
        Assert.Throws<FileNotFoundException>(() => LocalSettings.Find(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json")));
}
