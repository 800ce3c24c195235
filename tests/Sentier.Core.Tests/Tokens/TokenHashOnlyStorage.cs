using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class TokenHashOnlyStorage
{
    // Any 24 consecutive characters of a token (96 random bits) found in storage count as a leak.
    private const int Window = 24;

    [Fact]
    public async Task NoIssuedTokenIsStoredAnywhereButItsHashIs()
    {
        using var h = await TokenHarness.CreateAsync();
        var (account, firstApp, firstToken) = await h.AccountService.CreateAsync(TokenHarness.Json("""{"name":"Hash-only check"}"""), CancellationToken.None);
        var issued = new List<(ApiApp App, string Token)> { (firstApp, firstToken) };
        issued.Add(await h.NewAppAsync(account.Id, """{"name":"CRM","description":"sync","allowed_ips":["10.0.0.0/8"]}"""));
        issued.Add(await h.NewAppAsync(account.Id, $$"""{"name":"Shop","expires":"{{ApiDates.Format(TokenHarness.Start.AddDays(30))}}"}"""));
        var otherAccount = await h.NewAccountAsync();
        issued.Add(await h.NewAppAsync(otherAccount.Id, """{"name":"Other"}"""));

        // Exercise the paths that write after creation: last use and an update.
        foreach (var (app, token) in issued)
        {
            await h.AuthenticateAsync(token, "10.1.2.3");
            await TokenHarness.EventuallyAsync(() => h.ReadAppEntityAsync(app), e => e.GetDateTimeOffset("LastUsed") is not null, TimeSpan.FromSeconds(10), "last use to be recorded");
        }

        await h.Service.UpdateAsync(firstApp, firstApp.Id, TokenHarness.Json("""{"description":"renamed"}"""), CancellationToken.None);

        var forbidden = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, token) in issued)
        {
            for (var i = 0; i + Window <= token.Length; i++)
            {
                forbidden.Add(token.Substring(i, Window));
            }
        }

        var lookup = forbidden.GetAlternateLookup<ReadOnlySpan<char>>();
        var hashes = issued.Select(x => ApiToken.Hash(x.Token)).ToHashSet(StringComparer.Ordinal);
        var hashesSeenAsTokenKeys = new HashSet<string>(StringComparer.Ordinal);
        var scanned = 0;

        foreach (var tableName in StorageNames.Tables)
        {
            await foreach (var entity in h.Tables.GetTableClient(tableName).QueryAsync<TableEntity>())
            {
                scanned++;
                foreach (var (name, value) in entity)
                {
                    foreach (var text in Texts(name, value))
                    {
                        for (var i = 0; i + Window <= text.Length; i++)
                        {
                            Assert.False(
                                lookup.Contains(text.AsSpan(i, Window)),
                                $"Table {tableName}, entity {entity.PartitionKey}/{entity.RowKey}, property {name} holds part of an issued token.");
                        }
                    }
                }

                if (tableName == StorageNames.ApiTokensTable && hashes.Contains(entity.PartitionKey))
                {
                    hashesSeenAsTokenKeys.Add(entity.PartitionKey);
                }
            }
        }

        Assert.True(scanned >= issued.Count * 2 + 2, $"Only {scanned} entities scanned.");
        Assert.Equal(hashes.Order(), hashesSeenAsTokenKeys.Order());
        foreach (var (app, token) in issued)
        {
            var stored = await h.ReadAppEntityAsync(app);
            Assert.Equal(ApiToken.Hash(token), stored.GetString("TokenHash"));
            Assert.Equal(token[..6], stored.GetString("TokenHint"));
        }
    }

    private static IEnumerable<string> Texts(string name, object? value)
    {
        yield return name;
        switch (value)
        {
            case null:
                break;
            case string s:
                yield return s;
                break;
            case byte[] bytes:
                yield return Convert.ToHexString(bytes);
                yield return Convert.ToBase64String(bytes);
                yield return System.Text.Encoding.UTF8.GetString(bytes);
                break;
            default:
                yield return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                break;
        }
    }
}
