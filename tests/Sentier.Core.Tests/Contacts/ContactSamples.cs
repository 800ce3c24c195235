using System.Text;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Builds the inputs of the pure contact tests: request bodies, patches read the way the HTTP layer
/// reads them, and stored contacts. Every test states only what it is about; the rest comes from here,
/// so a new required member on <see cref="Contact"/> changes one file instead of every test.
/// </summary>
internal static class ContactSamples
{
    /// <summary>A fixed instant, so tests can assert exact dates.</summary>
    public static readonly DateTimeOffset Now = new(2024, 3, 10, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The region ActiveTrail clients write their numbers in by default.</summary>
    public static readonly PhoneNumberNormalizer IsraeliPhones = new("IL");

    public static JsonBody Body(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    public static ContactPatch Patch(string json) => ContactPatch.Parse(Body(json), IsraeliPhones);

    /// <summary>The contact a patch creates, as a new contact with id 1 written through the API.</summary>
    public static Contact Create(string json) => Patch(json).ApplyTo(null, 1, Now, ChangeSource.Api, "app-1");

    /// <summary>A stored, subscribed contact; tests adjust it with <c>with</c>.</summary>
    public static Contact Stored(long id = 7, string? email = "dana@example.com", params long[] groups) => new()
    {
        Id = id,
        Email = email,
        Status = SubscriptionStatus.Subscribed,
        SmsStatus = SubscriptionStatus.None,
        GroupIds = groups,
        Created = Now.AddDays(-30),
        Updated = Now.AddDays(-30),
    };
}
