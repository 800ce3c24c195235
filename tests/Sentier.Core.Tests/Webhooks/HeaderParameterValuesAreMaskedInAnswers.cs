using Sentier.Core.Common;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// What answers show of a parameter's value, and how a masked value sent back finds the stored one:
/// only <c>custom_text</c> headers are masked, the last 4 characters shown from 12 characters on.
/// </summary>
public sealed class HeaderParameterValuesAreMaskedInAnswers
{
    [Theory]
    [InlineData("", "")]
    [InlineData("k", "****")]
    [InlineData("12345678901", "****")]
    [InlineData("123456789012", "****9012")]
    [InlineData("Bearer a-long-credential-WXYZ", "****WXYZ")]
    public void Header_values_are_masked(string value, string shown)
    {
        Assert.Equal(shown, HeaderParameterMask.Shown(Header(1, "Authorization", value)));
    }

    [Fact]
    public void Query_body_and_user_field_values_are_shown_as_stored()
    {
        Assert.Equal("list-0123456789", HeaderParameterMask.Shown(new WebhookParameter(1, "list", "list-0123456789", WebhookParameterPlacement.Query, WebhookValueSource.CustomText, null)));
        Assert.Equal("origin-0123456789", HeaderParameterMask.Shown(new WebhookParameter(1, "o", "origin-0123456789", WebhookParameterPlacement.Body, WebhookValueSource.CustomText, null)));
        Assert.Equal("", HeaderParameterMask.Shown(new WebhookParameter(1, "X-Email", "", WebhookParameterPlacement.Header, WebhookValueSource.UserField, "email")));
    }

    [Fact]
    public void A_masked_value_sent_back_takes_the_stored_value_of_its_key_at_its_position_first()
    {
        WebhookParameter[] stored = [Header(1, "X-Key", "first"), Header(2, "X-Key", "second"), Header(3, "X-Other", "plain-value-0000")];
        WebhookParameter[] sent = [Header(1, "x-key", "****"), Header(2, "X-Key", "****"), Header(3, "X-Other", "****0000"), Header(4, "X-New", "new")];

        var restored = HeaderParameterMask.Restore(sent, stored);

        Assert.Equal(["first", "second", "plain-value-0000", "new"], restored.Select(parameter => parameter.Value));
        Assert.Equal("x-key", restored[0].Key);
    }

    [Fact]
    public void Parameters_without_masked_values_are_kept_as_sent()
    {
        WebhookParameter[] sent = [Header(1, "X-Key", "new-value")];

        Assert.Same(sent, HeaderParameterMask.Restore(sent, [Header(1, "X-Key", "old-value")]));
    }

    [Theory]
    [InlineData("X-Renamed", "****")]
    [InlineData("X-Key", "****abcd")]
    public void A_masked_value_that_masks_nothing_stored_is_refused(string key, string value)
    {
        var failure = Assert.Throws<InvalidRequestException>(() => HeaderParameterMask.Restore([Header(1, key, value)], [Header(1, "X-Key", "short")]));

        Assert.Contains("masked value", failure.Message, StringComparison.Ordinal);
    }

    private static WebhookParameter Header(int id, string key, string value) =>
        new(id, key, value, WebhookParameterPlacement.Header, WebhookValueSource.CustomText, null);
}
