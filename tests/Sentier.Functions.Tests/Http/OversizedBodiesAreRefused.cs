using System.Net;
using System.Text;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Http;

/// <summary>
/// Bodies over Sentier:MaxRequestBodyBytes are 413, whether their length is declared
/// (Content-Length) or only discovered while reading (chunked).
/// </summary>
public sealed class OversizedBodiesAreRefused
{
    /// <summary>A valid app as a JSON object of exactly <paramref name="size"/> bytes, padded with a field the API ignores.</summary>
    private static byte[] JsonOfSize(int size)
    {
        const string Prefix = "{\"name\":\"sized\",\"padding\":\"";
        const string Suffix = "\"}";
        return Encoding.UTF8.GetBytes(Prefix + new string('p', size - Prefix.Length - Suffix.Length) + Suffix);
    }

    private static HttpContent WithLength(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static HttpContent Chunked(byte[] body)
    {
        var content = new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<ApiResponse> PostAsync(ApiClient api, string token, HttpContent content, bool chunked)
    {
        return await api.SendAsync(HttpMethod.Post, "apps", token, content, request =>
        {
            Assert.Equal(chunked, request.Content!.Headers.ContentLength is null);
            if (chunked)
            {
                request.Headers.TransferEncodingChunked = true;
            }
        });
    }

    /// <summary>The default limit of 1 MiB.</summary>
    public sealed class AtTheDefaultLimit(DevHostFixture host) : IClassFixture<DevHostFixture>
    {
        private const int Limit = 1024 * 1024;

        [Fact]
        public async Task One_byte_over_a_mebibyte_with_content_length_is_413()
        {
            var account = await host.CreateAccountAsync();

            var response = await PostAsync(host.Api, account.Token, WithLength(JsonOfSize(Limit + 1)), chunked: false);

            var message = ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, response);
            Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
            ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", account.Token));
        }

        [Fact]
        public async Task One_byte_over_a_mebibyte_chunked_is_413()
        {
            var account = await host.CreateAccountAsync();

            var response = await PostAsync(host.Api, account.Token, Chunked(JsonOfSize(Limit + 1)), chunked: true);

            ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, response);
            ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", account.Token));
        }

        [Fact]
        public async Task Exactly_the_limit_is_read()
        {
            var account = await host.CreateAccountAsync();

            var response = await PostAsync(host.Api, account.Token, Chunked(JsonOfSize(Limit)), chunked: true);

            ApiAssert.Status(HttpStatusCode.Created, response);
        }
    }

    /// <summary>A DevHost configured with a 1 KiB limit.</summary>
    public sealed class AtAConfiguredLimit(SmallBodyLimitDevHostFixture host) : IClassFixture<SmallBodyLimitDevHostFixture>
    {
        private const int Limit = SmallBodyLimitDevHostFixture.Limit;

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task One_byte_over_is_413(bool chunked)
        {
            var account = await host.CreateAccountAsync();
            var body = JsonOfSize(Limit + 1);

            var response = await PostAsync(host.Api, account.Token, chunked ? Chunked(body) : WithLength(body), chunked);

            var message = ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, response);
            Assert.Contains("1024", message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Far_over_is_413_and_the_host_keeps_serving(bool chunked)
        {
            var account = await host.CreateAccountAsync();
            var body = JsonOfSize(256 * 1024);

            var response = await PostAsync(host.Api, account.Token, chunked ? Chunked(body) : WithLength(body), chunked);

            ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, response);
            ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", account.Token));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Exactly_the_limit_is_accepted(bool chunked)
        {
            var account = await host.CreateAccountAsync();
            var body = JsonOfSize(Limit);
            Assert.Equal(Limit, body.Length);

            var response = await PostAsync(host.Api, account.Token, chunked ? Chunked(body) : WithLength(body), chunked);

            ApiAssert.Status(HttpStatusCode.Created, response);
        }

        [Fact]
        public async Task The_limit_applies_to_the_admin_api_too()
        {
            var response = await host.Api.AdminAsync(HttpMethod.Post, "operator/accounts", Encoding.UTF8.GetString(JsonOfSize(Limit + 1)));

            ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, response);
        }
    }
}
