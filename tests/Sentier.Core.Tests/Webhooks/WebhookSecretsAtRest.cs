using System.Security.Cryptography;
using Azure.Data.Tables;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A signing secret is stored only encrypted, bound to its account and webhook, and is given out
/// only by the create answer, the secret read and a rotation.
/// </summary>
public sealed class WebhookSecretsAtRest
{
    [Fact]
    public async Task NoPartOfASecretIsInTheTable()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, secret) = await harness.CreateAsync();
        var rotated = await harness.Service.RotateSecretAsync(harness.AccountId, WebhookHarness.Id(created.Id), CancellationToken.None);

        var everything = new List<string>();
        await foreach (var row in harness.Store.Table.QueryAsync<TableEntity>())
        {
            everything.AddRange(row.Keys.Select(key => row[key]?.ToString() ?? ""));
        }

        foreach (var clear in new[] { secret, rotated })
        {
            var base64 = clear[WebhookSecret.Prefix.Length..];
            for (var start = 0; start + 12 <= base64.Length; start++)
            {
                var piece = base64.Substring(start, 12);
                Assert.DoesNotContain(everything, value => value.Contains(piece, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task TheStoredSecretDoesNotDecryptForAnotherWebhookOrAccount()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, secret) = await harness.CreateAsync();
        var stored = (await harness.GetAsync(created.Id)).ProtectedSecret;

        Assert.Equal(secret, harness.Protector.Unprotect(stored, WebhookService.SecretPurpose, harness.AccountId, "1"));
        Assert.Throws<CryptographicException>(() => harness.Protector.Unprotect(stored, WebhookService.SecretPurpose, harness.AccountId, "2"));
        Assert.Throws<CryptographicException>(() => harness.Protector.Unprotect(stored, WebhookService.SecretPurpose, harness.AnotherAccount().AccountId, "1"));
    }

    [Fact]
    public async Task TheSecretReadAnswersTheCurrentSecret()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, secret) = await harness.CreateAsync();
        var id = WebhookHarness.Id(created.Id);

        var read = await harness.Service.GetSecretAsync(harness.AccountId, id, CancellationToken.None);
        var rotated = await harness.Service.RotateSecretAsync(harness.AccountId, id, CancellationToken.None);

        Assert.Equal(secret, read);
        Assert.NotEqual(secret, rotated);
        Assert.Equal(rotated, await harness.Service.GetSecretAsync(harness.AccountId, id, CancellationToken.None));
    }
}
