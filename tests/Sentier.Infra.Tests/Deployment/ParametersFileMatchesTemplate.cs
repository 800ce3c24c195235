using System.Text.Json.Nodes;
using Sentier.Infra.Tests.Bicep;

namespace Sentier.Infra.Tests.Deployment;

public sealed class ParametersFileMatchesTemplate
{
    private static readonly JsonObject Parameters =
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("infra", "main.parameters.json")))!["parameters"]!.AsObject();

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("frontDoorId", "${AZURE_FRONT_DOOR_ID}")]
    public void AzdFillsTheEnvironment(string parameter, string value)
    {
        Assert.Equal(value, Parameters[parameter]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void EveryParameterExistsInTheTemplate()
    {
        var declared = CompiledTemplate.Main.Root["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();

        Assert.All(Parameters, parameter => Assert.Contains(parameter.Key, declared));
    }
}
