using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Storage;

public sealed class PartitionPaging(PagerTable fixture) : IClassFixture<PagerTable>
{
    private Task<ItemPage<string>> ReadAsync(PageRequest page) =>
        PartitionPager.ReadAsync(fixture.Table, PagerTable.MainPartition, page, (TableEntity e) => e.RowKey, CancellationToken.None);

    private static IEnumerable<string> Rows(int from, int count) => Enumerable.Range(from, count).Select(PagerTable.RowKey);

    [Fact]
    public async Task FirstPageReturnsFirstHundredWithContinuation()
    {
        var page = await ReadAsync(new PageRequest(1, 100, null));

        Assert.Equal(Rows(0, 100), page.Items);
        Assert.NotNull(page.Continuation);
        Assert.Equal(PagerTable.RowKey(99), ContinuationToken.Decode(page.Continuation));
    }

    [Fact]
    public async Task DefaultPageReturnsFirstTwenty()
    {
        var page = await ReadAsync(PageRequest.First);

        Assert.Equal(Rows(0, 20), page.Items);
        Assert.NotNull(page.Continuation);
    }

    [Fact]
    public async Task SecondPageFollowsTheFirst()
    {
        var page = await ReadAsync(new PageRequest(2, 100, null));

        Assert.Equal(Rows(100, 100), page.Items);
        Assert.NotNull(page.Continuation);
    }

    [Fact]
    public async Task ThirdPageReturnsLastFiftyWithoutContinuation()
    {
        var page = await ReadAsync(new PageRequest(3, 100, null));

        Assert.Equal(Rows(200, 50), page.Items);
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task PageEndingExactlyAtTheLastRowHasNoContinuation()
    {
        var page = await ReadAsync(new PageRequest(5, 50, null));

        Assert.Equal(Rows(200, 50), page.Items);
        Assert.Null(page.Continuation);
    }

    [Theory]
    [InlineData(4, 100)]
    [InlineData(6, 50)]
    [InlineData(PageRequest.MaxPage, 100)]
    public async Task PageBeyondTheEndIsEmpty(int pageNumber, int limit)
    {
        var page = await ReadAsync(new PageRequest(pageNumber, limit, null));

        Assert.Empty(page.Items);
        Assert.Null(page.Continuation);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(50)]
    [InlineData(7)]
    public async Task WalkingWithContinuationsReturnsEveryRowOnceInOrder(int limit)
    {
        var seen = new List<string>();
        string? continuation = null;
        var requests = 0;
        do
        {
            var request = PageRequest.Parse(null, limit.ToString(System.Globalization.CultureInfo.InvariantCulture), continuation);
            var page = await ReadAsync(request);
            Assert.InRange(page.Items.Count, 1, limit);
            seen.AddRange(page.Items);
            continuation = page.Continuation;
            Assert.True(++requests <= (PagerTable.MainRows / limit) + 1, "The walk did not end.");
        }
        while (continuation is not null);

        Assert.Equal(Rows(0, PagerTable.MainRows), seen);
    }

    [Fact]
    public async Task ContinuationAndPageNumberReachTheSameRows()
    {
        var first = await ReadAsync(new PageRequest(1, 30, null));
        var viaContinuation = await ReadAsync(PageRequest.Parse(null, "30", first.Continuation));
        var viaPage = await ReadAsync(new PageRequest(2, 30, null));

        Assert.Equal(viaPage.Items, viaContinuation.Items);
        Assert.Equal(viaPage.Continuation, viaContinuation.Continuation);
    }
}
