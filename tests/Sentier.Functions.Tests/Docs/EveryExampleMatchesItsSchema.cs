using System.Text.Json.Nodes;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary>Each example of the documents (bodies, parameters, webhook payloads) validates against the schema beside it.</summary>
public sealed class EveryExampleMatchesItsSchema(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task Examples_validate()
    {
        var contract = await ApiDocuments.ContractAsync(host.Api);
        var failures = new List<string>();
        var checkedExamples = 0;
        void Check(JsonNode? media, string what)
        {
            if (media?["example"] is { } example && media["schema"] is { } schema)
            {
                checkedExamples++;
                if (contract.Validate(schema, example.ToJsonString(), what) is { } failure)
                {
                    failures.Add(failure);
                }
            }
        }

        foreach (var operation in contract.Operations)
        {
            foreach (var (mediaType, media) in operation.Node["requestBody"]?["content"]?.AsObject() ?? [])
            {
                Check(media, $"{operation} request {mediaType}");
            }

            foreach (var (status, response) in operation.Node["responses"]!.AsObject())
            {
                foreach (var (mediaType, media) in response!["content"]?.AsObject() ?? [])
                {
                    Check(media, $"{operation} {status} {mediaType}");
                }
            }

            foreach (var parameter in operation.Node["parameters"]?.AsArray() ?? [])
            {
                Check(parameter, $"{operation} parameter {parameter!["name"]}");
            }
        }

        foreach (var webhook in contract.Webhooks)
        {
            Check(webhook["requestBody"]!["content"]!["application/json"], $"webhook {webhook["operationId"]}");
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(checkedExamples > contract.Operations.Count, $"Only {checkedExamples} examples for {contract.Operations.Count} operations.");
    }
}
