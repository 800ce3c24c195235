using Sentier.Core.Contacts;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Contacts;

/// <summary>The query parameters ActiveTrail's contact lists take (contacts, group members), by their wire names.</summary>
[ApiQuery("SearchTerm", "An email or phone number finds that contact; other text is matched against names, email and phone fields. Up to 254 characters.", Example = "dana")]
[ApiQuery("CustomerStates", "Only contacts in these states, as ActiveTrail names them: `ACTIVE`, `INACTIVE`, `CUSTOMER_REQUEST`, `BOUNCED`, `QUARANTINED`, `SPAM_COMPLIENT` or `ALL` (any case, or their numbers 0–5 and -1); repeated or comma-separated. This service records no bounces, quarantine or complaints, so those match none.", Repeated = true)]
[ApiQuery("FromDate", "Only contacts created at or after this date (`yyyy-MM-dd` or `yyyy-MM-ddTHH:mm:ss`, UTC).", Example = "2026-01-01")]
[ApiQuery("ToDate", "Only contacts created up to this date (a plain date includes the whole day).", Example = "2026-12-31")]
public static class ContactQueryParameters
{
    public static ContactQuery Read(ApiCall call, ContactService contacts) =>
        contacts.ParseQuery(call.QueryValues("CustomerStates"), call.Query("SearchTerm"), call.Query("FromDate"), call.Query("ToDate"));
}
