using Sentier.Catalog;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>A [Function] method with no HTTP, queue or timer trigger cannot run in the DevHost and stops discovery.</summary>
public sealed class FunctionWithoutTriggerIsRejected
{
    [Fact]
    public void DiscoverThrowsNotSupported()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            FunctionCatalog.Discover(new TypeSubsetAssembly(typeof(NoTriggerSample)), SampleConfiguration.ForSamples()));

        Assert.Contains(NoTriggerSample.Name, error.Message, StringComparison.Ordinal);
    }
}
