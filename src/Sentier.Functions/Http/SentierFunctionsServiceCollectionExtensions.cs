using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Core;
using Sentier.Functions.Docs;

namespace Sentier.Functions.Http;

public static class SentierFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The whole application, as both hosts compose it: the Functions worker's Program.cs and the
    /// DevHost call this one method, so they cannot drift apart.
    /// </summary>
    public static IServiceCollection AddSentierApp(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddSentierStorage(configuration)
            .AddSentierAccounts(configuration)
            .AddSentierContacts(configuration)
            .AddSentierWebhooks(configuration)
            .AddSentierFacebook(configuration)
            .AddSentierHttpApi();

    /// <summary>The request pipeline every HTTP function runs through.</summary>
    public static IServiceCollection AddSentierHttpApi(this IServiceCollection services) =>
        services.AddSingleton<ApiEndpoint>().AddSingleton<ApiReference>().AddSingleton<ReferencePage>();
}
