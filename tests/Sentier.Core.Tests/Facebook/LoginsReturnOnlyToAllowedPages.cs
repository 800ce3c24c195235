using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Common;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// The login dialog sends users back only to a page on our list (<c>Facebook:RedirectUris</c>), and
/// without one no login starts (409 naming the setting), whatever Host the request names: a login
/// started through Sentier cannot deliver a Facebook code to someone else's page.
/// </summary>
public sealed class LoginsReturnOnlyToAllowedPages
{
    private static readonly Uri OwnCallback = new("https://sentier.example/api/facebook/oauth/callback");

    [Fact]
    public async Task Without_a_list_no_login_starts_and_the_answer_names_the_setting()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var oauth = h.Services.GetRequiredService<FacebookOAuth>();

        var refused = Assert.Throws<ConflictException>(() => oauth.Start(h.AccountId, OwnCallback.AbsoluteUri));

        Assert.Contains("Facebook__RedirectUris", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_list_replaces_the_default_and_matches_scheme_host_port_and_path()
    {
        await using var h = await FacebookHarness.CreateAsync(services =>
            services.Configure<FacebookOptions>(options => options.RedirectUris = "https://app.example.com/facebook/done, https://admin.example.com:8443/fb"));
        var oauth = h.Services.GetRequiredService<FacebookOAuth>();

        oauth.Start(h.AccountId, "https://app.example.com/facebook/done?from=settings");
        oauth.Start(h.AccountId, "https://ADMIN.example.com:8443/fb");
        foreach (var refused in new[]
        {
            OwnCallback.AbsoluteUri,
            "https://app.example.com/facebook/done/../../steal",
            "https://app.example.com/facebook/Done",
            "https://admin.example.com/fb",
            "https://app.example.com.evil.example/facebook/done",
        })
        {
            Assert.Throws<InvalidRequestException>(() => oauth.Start(h.AccountId, refused));
        }
    }

    [Fact]
    public async Task A_callback_without_the_app_secret_configured_is_a_conflict_not_bad_input()
    {
        await using var h = await FacebookHarness.CreateAsync(services => services.Configure<FacebookOptions>(options =>
        {
            options.AppSecret = "";
            options.RedirectUris = OwnCallback.AbsoluteUri;
        }));
        var oauth = h.Services.GetRequiredService<FacebookOAuth>();
        var state = oauth.Start(h.AccountId, OwnCallback.AbsoluteUri).State;

        var refused = await Assert.ThrowsAsync<ConflictException>(() => oauth.CallbackAsync(h.AccountId, Testing.FakeGraphApi.OAuthCode, state, null, CancellationToken.None));

        Assert.Contains("Facebook:AppSecret", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Graph.Requests, request => request.Contains("oauth/access_token", StringComparison.Ordinal));
    }
}
