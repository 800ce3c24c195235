using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Functions.Docs;

namespace Sentier.Testing;

/// <summary>
/// Holds every response a test receives from a DevHost to the API documents: the status must be
/// one its operation lists, and the body must match that status's schema. A request that reaches
/// no operation (a test function, an unknown route) is not checked. A broken contract fails the
/// request, so the test that met it fails with the reason.
/// </summary>
public sealed class ContractCheckingHandler(ApiContract contract) : DelegatingHandler(new SocketsHttpHandler())
{
    /// <summary>The contract of the app a DevHost serves, from the same documents it serves.</summary>
    public static ApiContract ContractOf(IServiceProvider services)
    {
        var reference = services.GetRequiredService<ApiReference>();
        return new ApiContract(
            JsonNode.Parse(reference.Document(ApiAudience.Public).Utf8)!.AsObject(),
            JsonNode.Parse(reference.Document(ApiAudience.Operator).Utf8)!.AsObject());
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api", StringComparison.Ordinal) || contract.Find(request.Method.Method, path["/api".Length..] is { Length: > 0 } rest ? rest : "/") is not { } operation)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.BadRequest && body.Length == 0 && response.Content.Headers.ContentType is null)
        {
            // Kestrel's own refusal of the request line (a NUL in the path): no function ran.
            return response;
        }

        if (contract.Check(operation, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body) is { } violation)
        {
            response.Dispose();
            throw new ContractViolationException(violation);
        }

        return response;
    }
}

public sealed class ContractViolationException(string message) : Exception(message);
