using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Storage;

public sealed class PartitionPagerIsolation(PagerTable fixture) : IClassFixture<PagerTable>
{
    private Task<ItemPage<TableEntity>> ReadAsync(string partitionKey, PageRequest page) =>
        PartitionPager.ReadAsync(fixture.Table, partitionKey, page, (TableEntity e) => e, CancellationToken.None);

    [Fact]
    public async Task PartitionKeyContainingAQuoteReadsExactlyThatPartition()
    {
        var page = await ReadAsync(PagerTable.QuotedPartition, new PageRequest(1, 100, null));

        Assert.Equal(PagerTable.QuotedRows, page.Items.Count);
        Assert.All(page.Items, e => Assert.Equal(PagerTable.QuotedPartition, e.PartitionKey));
        Assert.Null(page.Continuation);
    }

    [Theory]
    [InlineData("main' or PartitionKey ne 'x")]
    [InlineData("x' or '1' eq '1")]
    [InlineData("' or true or '")]
    [InlineData("main'' or ''a'' eq ''a")]
    [InlineData("other') or (PartitionKey ne '")]
    public async Task FilterInjectionInPartitionKeyLeaksNothing(string partitionKey)
    {
        var firstPage = await ReadAsync(partitionKey, new PageRequest(1, 100, null));
        var deepPage = await ReadAsync(partitionKey, new PageRequest(2, 10, null));

        Assert.Empty(firstPage.Items);
        Assert.Null(firstPage.Continuation);
        Assert.Empty(deepPage.Items);
    }

    [Fact]
    public async Task FilterInjectionInContinuationStaysInsideThePartition()
    {
        var hostile = PageRequest.Parse(null, "100", ContinuationToken.Encode("row-100' or PartitionKey eq 'other"));

        var page = await ReadAsync(PagerTable.MainPartition, hostile);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, e => Assert.Equal(PagerTable.MainPartition, e.PartitionKey));
    }

    [Fact]
    public async Task UnknownPartitionIsEmpty()
    {
        var page = await ReadAsync("no-such-partition", PageRequest.First);

        Assert.Empty(page.Items);
        Assert.Null(page.Continuation);
    }
}
