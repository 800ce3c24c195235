using Microsoft.Extensions.DependencyInjection;
using Sentier.DevHost.Catalog;
using Sentier.Functions.Docs;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary>
/// Parity: the HTTP functions the DevHost serves and the operations of the two documents are the
/// same set — each function exactly once, under its own name, method and route, and no operation
/// that nothing serves.
/// </summary>
public sealed class EveryServedFunctionIsDocumentedOnce(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task Operations_are_exactly_the_served_http_functions()
    {
        var served = host.Server.Services.GetRequiredService<ServedFunctions>().All
            .Where(function => function.Trigger == "httpTrigger")
            .Select(function => $"{function.Methods.Single().ToUpperInvariant()} {ApiDocument.PathOf(function.Route!).Path} {function.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var contract = await ApiDocuments.ContractAsync(host.Api);
        var documented = contract.Operations
            .Select(operation => $"{operation.Method} {operation.Path} {operation.Id}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(served);
        Assert.Equal(served, documented);
    }

    [Fact]
    public async Task Operator_routes_are_only_in_the_operator_document()
    {
        var (published, operatorDocument) = await ApiDocuments.FetchAsync(host.Api);

        Assert.DoesNotContain("/operator/", published, StringComparison.Ordinal);
        Assert.Contains("\"/operator/accounts\"", operatorDocument, StringComparison.Ordinal);
    }
}
