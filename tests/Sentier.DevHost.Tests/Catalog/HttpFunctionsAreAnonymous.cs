using System.Text.Json;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>
/// Authentication is Sentier's own code (API tokens, admin key), so the Functions host must never
/// add its function keys on top: every HTTP trigger in the build's functions.metadata is Anonymous,
/// and the app behaves the same under the Functions host and the DevHost.
/// </summary>
public sealed class HttpFunctionsAreAnonymous
{
    [Fact]
    public void EveryHttpTriggerIsAnonymous()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var httpTriggers = metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => (Name: function.GetProperty("name").GetString(), Level: binding.GetProperty("authLevel").GetString())))
            .ToList();

        Assert.NotEmpty(httpTriggers);
        Assert.All(httpTriggers, trigger => Assert.True(trigger.Level == "Anonymous", $"{trigger.Name} is {trigger.Level}"));
    }
}
