using System.Text.Json.Nodes;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary>
/// Every success body the documents describe is a closed object (or an array of them): the
/// contract check of each response then fails on a field the reference does not know. A type that
/// is also a request body must not lend a response its open, all-optional request schema.
/// </summary>
public sealed class EveryResponseBodyIsClosed(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task Success_bodies_forbid_unknown_fields()
    {
        var contract = await ApiDocuments.ContractAsync(host.Api);
        var open = new List<string>();
        foreach (var operation in contract.Operations)
        {
            foreach (var (status, response) in operation.Node["responses"]!.AsObject())
            {
                if (!status.StartsWith('2') || response!["content"]?["application/json"]?["schema"] is not JsonObject schema)
                {
                    continue;
                }

                var body = schema["type"]?.ToString() == "array" ? (JsonObject)schema["items"]! : schema;
                if (body["properties"] is not null && body["additionalProperties"]?.GetValue<bool>() != false)
                {
                    open.Add($"{operation} {status}");
                }
            }
        }

        Assert.True(open.Count == 0, "Open success bodies:\n" + string.Join("\n", open));
    }
}
