using Sentier.Catalog;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>Two functions of one name (in any casing) are an error, as in the Functions host.</summary>
public sealed class DuplicateFunctionNamesAreRejected
{
    [Fact]
    public void DiscoverThrowsInvalidOperation()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            FunctionCatalog.Discover(
                new TypeSubsetAssembly(typeof(DuplicateNameSampleA), typeof(DuplicateNameSampleB)),
                SampleConfiguration.ForSamples()));

        Assert.Contains(DuplicateNameSampleA.Name, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EachOfThemAloneIsAccepted()
    {
        Assert.Single(FunctionCatalog.Discover(new TypeSubsetAssembly(typeof(DuplicateNameSampleA)), SampleConfiguration.ForSamples()));
        Assert.Single(FunctionCatalog.Discover(new TypeSubsetAssembly(typeof(DuplicateNameSampleB)), SampleConfiguration.ForSamples()));
    }
}
