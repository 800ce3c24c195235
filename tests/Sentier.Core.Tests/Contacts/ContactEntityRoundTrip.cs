using Azure.Data.Tables;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactEntityRoundTrip
{
    private static readonly Contact Full = new()
    {
        Id = 123_456,
        Email = "dana@example.com",
        Sms = "+972541234567",
        Status = SubscriptionStatus.Pending,
        SmsStatus = SubscriptionStatus.Unsubscribed,
        IsDoNotMail = true,
        DoubleOptin = "{\"template_id\": 12}",
        Fields = new Dictionary<string, object>
        {
            ["first_name"] = "Dana",
            ["last_name"] = "לוי",
            ["zip_code"] = "01234",
            ["ext25"] = "vip",
            ["subscribe_ip"] = "10.0.0.1",
            ["birthday"] = new DateTimeOffset(1990, 5, 17, 0, 0, 0, TimeSpan.Zero),
            ["date5"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["num1"] = 3.25,
            ["num5"] = -1e12,
        },
        GroupIds = [3, 12, 999_999_999_999],
        Created = Now.AddDays(-3),
        Updated = Now,
        UnsubscribedAt = Now.AddHours(-1),
        UnsubscribeSource = ChangeSource.Import,
        ChangedBy = ChangeSource.Zapier,
        ChangedByApp = "app-7",
    };

    [Fact]
    public void EveryFieldSurvivesTheRoundTrip()
    {
        var entity = ContactEntity.ToEntity("acct-1", Full);

        Assert.Equal("acct-1", entity.PartitionKey);
        Assert.Equal(ContactKeys.Contact(123_456), entity.RowKey);
        Assert.Equivalent(Full, ContactEntity.FromEntity(entity), strict: true);
    }

    [Fact]
    public void FieldValuesKeepTheirTypes()
    {
        var fields = ContactEntity.FromEntity(ContactEntity.ToEntity("acct-1", Full)).Fields;

        Assert.IsType<string>(fields["zip_code"]);
        Assert.Equal("01234", fields["zip_code"]);
        Assert.IsType<double>(fields["num1"]);
        Assert.IsType<double>(fields["num5"]);
        Assert.IsType<DateTimeOffset>(fields["birthday"]);
    }

    [Fact]
    public void MinimalContactRoundTripsWithoutInventingValues()
    {
        var minimal = new Contact { Id = 1, Sms = "+972541234567", Created = Now, Updated = Now };

        var read = ContactEntity.FromEntity(ContactEntity.ToEntity("acct-1", minimal));

        Assert.Equivalent(minimal, read, strict: true);
        Assert.Empty(read.Fields);
        Assert.Empty(read.GroupIds);
        Assert.Null(read.Email);
        Assert.Null(read.UnsubscribedAt);
        Assert.Null(read.UnsubscribeSource);
    }

    [Fact]
    public void DatesReadAsStorageReturnsThemAreUtc()
    {
        // Table Storage hands dates back as DateTime in UTC with an unspecified kind.
        var entity = ContactEntity.ToEntity("acct-1", Full);
        entity["birthday"] = new DateTime(1990, 5, 17, 0, 0, 0, DateTimeKind.Unspecified);
        entity["date1"] = new DateTime(2016, 12, 24, 14, 12, 12, DateTimeKind.Utc);

        var fields = ContactEntity.FromEntity(entity).Fields;

        var birthday = Assert.IsType<DateTimeOffset>(fields["birthday"]);
        Assert.Equal(new DateTimeOffset(1990, 5, 17, 0, 0, 0, TimeSpan.Zero), birthday);
        Assert.Equal(TimeSpan.Zero, birthday.Offset);
        Assert.Equal(new DateTimeOffset(2016, 12, 24, 14, 12, 12, TimeSpan.Zero), fields["date1"]);
    }

    [Fact]
    public void WholeNumbersStoredAsIntegersAreReadAsDoubles()
    {
        var entity = ContactEntity.ToEntity("acct-1", Full);
        entity["num1"] = 42;
        entity["num2"] = 9_000_000_000L;

        var fields = ContactEntity.FromEntity(entity).Fields;

        Assert.Equal(42.0, Assert.IsType<double>(fields["num1"]));
        Assert.Equal(9e9, Assert.IsType<double>(fields["num2"]));
    }

    [Fact]
    public void PropertiesThatAreNotContactFieldsAreIgnored()
    {
        var entity = ContactEntity.ToEntity("acct-1", Full);
        entity["nickname"] = "D";
        entity["Timestamp"] = DateTimeOffset.UtcNow;

        var fields = ContactEntity.FromEntity(entity).Fields;

        Assert.Equal(Full.Fields.Keys.Order(), fields.Keys.Order());
    }

    [Fact]
    public void StatusesAndSourcesAreStoredAsNumbersAndNames()
    {
        var entity = ContactEntity.ToEntity("acct-1", Full);

        Assert.Equal(3, entity.GetInt32("Status"));
        Assert.Equal(2, entity.GetInt32("SmsStatus"));
        Assert.Equal("import", entity.GetString("UnsubscribeSource"));
        Assert.Equal("zapier", entity.GetString("ChangedBy"));
        Assert.Equal("3,12,999999999999", entity.GetString("Groups"));
    }

    [Fact]
    public void ETagIsReadFromTheEntity()
    {
        var entity = new TableEntity(ContactEntity.ToEntity("acct-1", Full)) { ETag = new Azure.ETag("W/\"9\"") };

        Assert.Equal(new Azure.ETag("W/\"9\""), ContactEntity.FromEntity(entity).ETag);
    }
}
