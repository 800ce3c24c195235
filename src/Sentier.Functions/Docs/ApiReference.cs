using Microsoft.Extensions.Configuration;
using Sentier.Catalog;
using Sentier.Functions.Http;

namespace Sentier.Functions.Docs;

/// <summary>The two API documents of this app, each built and rendered once, on first request.</summary>
public sealed class ApiReference
{
    private readonly Lazy<RenderedJson> _public;
    private readonly Lazy<RenderedJson> _operator;

    public ApiReference(IConfiguration configuration)
    {
        var functions = new Lazy<IReadOnlyList<FunctionDefinition>>(() => Triggered(configuration));
        _public = new(() => ApiResult.Render(ApiDocument.Build(functions.Value, ApiAudience.Public)));
        _operator = new(() => ApiResult.Render(ApiDocument.Build(functions.Value, ApiAudience.Operator)));
    }

    public RenderedJson Document(ApiAudience audience) => audience == ApiAudience.Public ? _public.Value : _operator.Value;

    /// <summary>This app's functions that the host triggers: one disabled by its app setting is left out, as the host leaves it out.</summary>
    public static IReadOnlyList<FunctionDefinition> Triggered(IConfiguration configuration) =>
        [.. FunctionCatalog.Discover(typeof(ApiReference).Assembly, configuration).Where(f => !FunctionCatalog.IsDisabled(f.Name, configuration))];
}
