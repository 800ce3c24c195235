using System.Net;
using System.Text.Json.Nodes;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>The two OpenAPI documents as the DevHost serves them.</summary>
public static class ApiDocuments
{
    public static async Task<(string Public, string Operator)> FetchAsync(ApiClient api)
    {
        var published = await api.GetAsync("openapi.json");
        var operatorDocument = await api.AdminAsync(HttpMethod.Get, "openapi-admin.json");
        ApiAssert.Status(HttpStatusCode.OK, published);
        ApiAssert.Status(HttpStatusCode.OK, operatorDocument);
        return (published.Body, operatorDocument.Body);
    }

    public static async Task<ApiContract> ContractAsync(ApiClient api)
    {
        var (published, operatorDocument) = await FetchAsync(api);
        return new ApiContract(JsonNode.Parse(published)!.AsObject(), JsonNode.Parse(operatorDocument)!.AsObject());
    }
}
