using Sentier.Core.Contacts;
using Sentier.Functions.Http;

namespace Sentier.Functions.Contacts;

/// <summary>The query parameters ActiveTrail's contact lists take (contacts, group members), by their wire names.</summary>
public static class ContactQueryParameters
{
    public static ContactQuery Read(ApiCall call, ContactService contacts) =>
        contacts.ParseQuery(call.QueryValues("CustomerStates"), call.Query("SearchTerm"), call.Query("FromDate"), call.Query("ToDate"));
}
