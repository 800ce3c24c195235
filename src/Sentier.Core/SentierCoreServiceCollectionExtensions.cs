using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Sentier.Core.Accounts;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Facebook;
using Sentier.Core.Groups;
using Sentier.Core.Security;
using Sentier.Core.Storage;
using Sentier.Core.Tokens;
using Sentier.Core.Webhooks;

namespace Sentier.Core;

public static class SentierCoreServiceCollectionExtensions
{
    /// <summary>Table and queue clients from the <c>AppStorage</c> connection section, and the startup that creates the app's tables and queues.</summary>
    public static IServiceCollection AddSentierStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageClientFactory.AppConnection);
        services.AddSingleton(_ => StorageClientFactory.CreateTableServiceClient(section));
        services.AddSingleton(_ => StorageClientFactory.CreateQueueServiceClient(section));
        services.AddSingleton<StorageHealthProbe>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>Accounts, API apps and the token check.</summary>
    public static IServiceCollection AddSentierAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SentierOptions>()
            .Bind(configuration.GetSection(SentierOptions.SectionName))
            .Validate(o => o.MaxRequestBodyBytes > 0, "Sentier:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.MaxImportBodyBytes > 0, "Sentier:MaxImportBodyBytes must be positive.")
            .Validate(o => o.TrustedProxyHops >= 0, "Sentier:TrustedProxyHops must be 0 or more.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SentierMetrics>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AdminKeyVerifier>();
        services.AddSingleton<ApiAppStore>();
        services.AddSingleton<ApiAppService>();
        services.AddSingleton<TokenAuthenticator>();
        return services;
    }

    /// <summary>Contacts, groups, group members, import and contact fields.</summary>
    public static IServiceCollection AddSentierContacts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContactOptions>()
            .Bind(configuration.GetSection(ContactOptions.SectionName))
            .Validate(o => PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(o.DefaultPhoneRegion.Trim().ToUpperInvariant()),
                "Sentier:Contacts:DefaultPhoneRegion must be an ISO 3166 region code such as IL or US.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PhoneNumberNormalizer>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<IdAllocator>();
        services.AddSingleton<ContactWriter>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<ContactImporter>();
        services.AddSingleton<ContactFieldService>();
        services.AddSingleton<GroupStore>();
        services.AddSingleton<GroupPurge>();
        services.AddSingleton<GroupService>();
        return services;
    }

    /// <summary>
    /// Secret encryption, webhook subscriptions and the delivery blocks: the outbound address
    /// policy, the sender and the retry schedule. A missing or malformed <c>Sentier:EncryptionKey</c> or <c>Webhooks</c>
    /// setting stops the app at startup with a message naming it.
    /// </summary>
    public static IServiceCollection AddSentierWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretProtectionOptions>()
            .Bind(configuration.GetSection(SecretProtectionOptions.SectionName))
            .Validate(o => o.TryGetKey(out _), SecretProtectionOptions.InvalidKeyMessage)
            .ValidateOnStart();
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SentierMetrics>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton(sp => new OutboundAddressPolicy(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.ParseAllowedNetworks()));
        services.AddSingleton(sp => RetrySchedule.Parse(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RetrySchedule));
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton(sp => new WebhookDeliveryQueue(sp.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.WebhookDeliveriesQueue)));
        services.AddSingleton<WebhookDeliveryService>();
        services.AddSingleton<WebhookDeliveryStep>();
        services.AddSingleton<WebhookDeliveryRetention>();
        services.AddSingleton<PoisonedDeliveries>();

        // The dispatcher: change records to deliveries, nudged after each commit, swept behind.
        services.AddOptions<ChangeDispatchOptions>()
            .Bind(configuration.GetSection(ChangeDispatchOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChangeDispatchOptions>, ChangeDispatchOptionsValidation>();
        services.AddSingleton(sp => new OutboxAccounts(sp.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.OutboxAccountsTable)));
        services.AddSingleton(sp => new OutboxNudgeQueue(sp.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.OutboxNudgesQueue)));
        services.AddSingleton<IChangeRecordObserver, ChangeNudges>();
        services.AddSingleton<ChangeOutbox>();
        services.AddSingleton<ChangeDispatcher>();
        services.AddSingleton<OutboxSweep>();
        services.AddSingleton<QuarantineRetention>();
        services.AddSingleton<PoisonedNudges>();
        return services;
    }

    /// <summary>
    /// Facebook Lead Ads: the Graph client (transient failures retried with backoff by a resilience
    /// handler; its own request logging removed, since OAuth requests carry secrets in the
    /// query), Page connections, forms, the sync and its queue, the poller and Meta's webhook.
    /// Needs <see cref="AddSentierWebhooks"/> for the secret encryption.
    /// </summary>
    public static IServiceCollection AddSentierFacebook(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FacebookOptions>()
            .Bind(configuration.GetSection(FacebookOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FacebookOptions>, FacebookOptionsValidation>();
        // Retries and timeouts, but no circuit breaker: the client serves every Page of every
        // account, and one breaker would let one failing Page or form stop all their syncs. A
        // failing call costs only its own retries; throttling is handled per Page by the sync.
        // HttpClient's own 100 s timeout would cut a call the handler still allows (five attempt
        // timeouts): the handler's total timeout is the one bound.
        services.AddHttpClient(FacebookGraphClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler(FacebookGraphClient.HttpClientName, (pipeline, context) =>
            {
                var facebook = context.ServiceProvider.GetRequiredService<IOptions<FacebookOptions>>().Value;
                pipeline
                    .AddTimeout(facebook.GraphCallBudget)
                    .AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromMilliseconds(500) })
                    .AddTimeout(TimeSpan.FromSeconds(facebook.RequestTimeoutSeconds));
            });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FacebookGraphClient>();
        services.AddSingleton<PageTokens>();
        services.AddSingleton<FacebookConnectionStore>();
        services.AddSingleton<FacebookFormStore>();
        services.AddSingleton<FacebookLeadStore>();
        services.AddSingleton(sp => new FacebookSyncQueue(sp.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.FacebookSyncQueue)));
        services.AddSingleton<FacebookConnectionService>();
        services.AddSingleton<FacebookFormService>();
        services.AddSingleton<FacebookOAuth>();
        services.AddSingleton<FacebookFormSync>();
        services.AddSingleton<FacebookPoller>();
        services.AddSingleton<PoisonedSyncs>();
        services.AddSingleton<FacebookWebhookReceiver>();
        return services;
    }
}
