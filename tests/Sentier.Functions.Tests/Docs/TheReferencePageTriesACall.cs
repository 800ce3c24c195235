using Microsoft.Playwright;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary>
/// The reference page in a real headless Chromium (Debian's, which scripts/test.sh installs): it
/// shows every operation of the document, and a token pasted once under "Authorize" lets "Try it
/// out" of <c>GET /api/account</c> answer 200 from the same host. A screenshot of the answered
/// call goes to the test results folder.
/// </summary>
public sealed class TheReferencePageTriesACall(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("SENTIER_CHROMIUM") ?? "/usr/bin/chromium";

    [Fact]
    public async Task A_pasted_token_runs_get_account()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs Debian's chromium package.");
        var account = await host.CreateAccountAsync("docs page");
        var (published, _) = await ApiDocuments.FetchAsync(host.Api);
        var operations = new Sentier.Testing.ApiContract(System.Text.Json.Nodes.JsonNode.Parse(published)!.AsObject()).Operations;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            // The tests may run as root (CI does), where Chromium starts only without its sandbox.
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1600 } });
        var browserErrors = new List<string>();
        page.PageError += (_, error) => browserErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                browserErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(host.Server.BaseAddress, "docs").ToString());
        var getAccount = page.Locator("[id$='-Account_Get']");
        await getAccount.WaitForAsync(new() { Timeout = 30_000 });
        var shown = await page.Locator(".opblock").EvaluateAllAsync<string[]>("blocks => blocks.map(block => block.id)");
        Assert.All(operations, operation =>
            Assert.Contains(shown, id => id.EndsWith("-" + operation.Id, StringComparison.Ordinal)));

        await page.Locator(".scheme-container button.authorize").ClickAsync();
        await page.Locator(".modal-ux input[type=text]").FillAsync(account.Token);
        await page.Locator(".modal-ux .auth-btn-wrapper button.authorize").ClickAsync();
        await page.Locator(".modal-ux .btn-done").ClickAsync();

        await getAccount.Locator(".opblock-summary-control").ClickAsync();
        await getAccount.Locator(".try-out__btn").ClickAsync();
        await getAccount.Locator(".execute").ClickAsync();
        var status = getAccount.Locator(".live-responses-table tbody .response-col_status").First;
        await Microsoft.Playwright.Assertions.Expect(status).ToHaveTextAsync("200", new() { Timeout = 30_000 });

        Directory.CreateDirectory(ResultsFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ResultsFolder, "reference-page-get-account.png"), FullPage = true });
        Assert.Empty(browserErrors);
    }

    /// <summary>scripts/test.sh's results folder; beside the test assembly when run otherwise.</summary>
    private static string ResultsFolder =>
        Environment.GetEnvironmentVariable("SENTIER_TEST_RESULTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults");
}
