using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Contacts;
using Sentier.Functions.Groups;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Contacts;

/// <summary>ActiveTrail's contacts resource. <c>{id}</c> is a contact id or the contact's email.</summary>
[ApiTag("Contacts", "The account's contacts in ActiveTrail's shape: read, upsert, update, delete, import up to 1,000 at a time, unsubscribe, and the contact fields (custom `ext` fields included).")]
public sealed class ContactsFunctions(ApiEndpoint api, ContactService contacts, ContactImporter importer)
{
    [Function("Contacts_List")]
    [ApiOperation("Contacts", "List contacts", Scope = Scope.ContactsRead, Response = typeof(ContactSchema), Paged = true,
        Description = "The account's contacts, oldest first, filtered as ActiveTrail's `GET contacts` filters them.")]
    [ApiQueriesOf(typeof(ContactQueryParameters))]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
        {
            var query = ContactQueryParameters.Read(call, contacts);
            return ApiResult.List(await contacts.ListAsync(call.Caller.AccountId, query, call.Page(), call.Aborted), contact => ContactResponse.From(contact));
        });

    /// <summary>Creates the contact or updates the one with that email (or, without an email, that sms number).</summary>
    [Function("Contacts_Upsert")]
    [ApiOperation("Contacts", "Create or update a contact", Scope = Scope.ContactsWrite, Request = typeof(ContactSchema), AcceptsForm = true, Response = typeof(ContactSchema),
        Description = "Creates the contact, or updates the one with the same email (or, without an email, the same sms number): ActiveTrail's upsert. Fields left out keep their values. A web form post (`application/x-www-form-urlencoded`) is read like JSON. `is_deleted: true` deletes the contact.",
        Errors = ["400: neither `email` nor `sms`, an invalid address or number, or a field of the wrong type.", "404: `is_deleted: true` for a contact that does not exist.", "405: the contact is marked do-not-mail and the body changes its status.", "409: the email and the sms number belong to two different contacts."])]
    [ApiHeader("X-Change-Source", "Where the change comes from, as webhooks report it: `api` (default), `import`, `manual`, `facebook`, `zapier` or `automation`.")]
    public Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contacts")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var result = await contacts.UpsertAsync(call.Caller.AccountId, await call.ReadJsonOrFormAsync(), call.Change(), call.Aborted);
            return ApiResult.Ok(ContactResponse.From(result));
        });

    [Function("Contacts_Get")]
    [ApiOperation("Contacts", "Get a contact", Scope = Scope.ContactsRead, Response = typeof(ContactSchema),
        Description = "One contact by id or by email (`{id}` may be either).")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(ContactResponse.From(await contacts.GetAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Contacts_Update")]
    [ApiOperation("Contacts", "Update a contact", Scope = Scope.ContactsWrite, Request = typeof(ContactSchema), Response = typeof(ContactSchema),
        Description = "Changes the fields the body names; `null` clears a field. `{id}` is the contact id or email.",
        Errors = ["405: the contact is marked do-not-mail and the body changes its status (clear `is_do_not_mail` first).", "409: the new email or sms belongs to another contact."])]
    [ApiHeader("X-Change-Source", "Where the change comes from, as webhooks report it: `api` (default), `import`, `manual`, `facebook`, `zapier` or `automation`.")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "contacts/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var (contact, deleted) = await contacts.UpdateAsync(call.Caller.AccountId, id, await call.ReadJsonAsync(), call.Change(), call.Aborted);
            return ApiResult.Ok(ContactResponse.From(contact, deleted));
        });

    [Function("Contacts_Delete")]
    [ApiOperation("Contacts", "Delete a contact", Scope = Scope.ContactsWrite, SuccessStatus = 204,
        Description = "Deletes the contact and its group memberships; webhooks receive `contact_deleted`.")]
    [ApiHeader("X-Change-Source", "Where the change comes from, as webhooks report it: `api` (default), `import`, `manual`, `facebook`, `zapier` or `automation`.")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "contacts/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            await contacts.DeleteAsync(call.Caller.AccountId, id, call.Change(), call.Aborted);
            return ApiResult.NoContent();
        });

    /// <summary>Up to 1,000 contacts into one group; rows that fail are reported and the rest are imported.</summary>
    [Function("Contacts_Import")]
    [ApiOperation("Contacts", "Import contacts into a group", Scope = Scope.ContactsWrite, Request = typeof(ImportRequest), Response = typeof(ImportResponse),
        Description = "Up to 1,000 contacts in one call (body up to 16 MiB) into one group, as ActiveTrail's `contacts/Import`. Each contact is upserted as `POST contacts` would; rows that fail are reported with their index and reason, and the rest are imported.",
        ResponseExample = """{"created": 1, "updated": 0, "failed": [{"index": 1, "email": "not-an-email", "Message": "'email' is not a valid email address."}]}""",
        Errors = ["400: `group` or `contacts` is missing, or more than 1,000 contacts.", "404: the group does not exist."])]
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contacts/Import")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var body = await call.ReadJsonAsync(call.MaxImportBodyBytes);
            var result = await importer.ImportAsync(call.Caller.AccountId, body, call.Change(ChangeSource.Import), call.Aborted);
            return ApiResult.Ok(ImportResponse.From(result));
        });

    [Function("Contacts_Groups")]
    [ApiOperation("Contacts", "A contact's groups", Scope = Scope.ContactsRead, Response = typeof(GroupResponse), List = true, ResponseExample = "[" + """{"id": 17, "name": "Newsletter", "counter": 1250, "active_counter": 1180, "created": "2026-11-02T08:30:00", "last_generated": null}""" + "]",
        Description = "Every group the contact belongs to (at most 40).")]
    public Task<IActionResult> Groups(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/{id}/groups")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok((await contacts.GroupsOfAsync(call.Caller.AccountId, id, call.Aborted)).Select(GroupResponse.From).ToList()));

    [Function("Contacts_Unsubscribers")]
    [ApiOperation("Contacts", "Unsubscribed contacts", Scope = Scope.ContactsRead, Response = typeof(ContactSchema), Paged = true,
        Description = "Contacts that stopped receiving email (unsubscribed or do-not-mail), by when they stopped: ActiveTrail's `contacts/Subscription/Unsubscribers`.")]
    [ApiQuery("FromDate", "From this date (`yyyy-MM-dd` or `yyyy-MM-ddTHH:mm:ss`, UTC).", Example = "2026-01-01")]
    [ApiQuery("ToDate", "Up to this date.", Example = "2026-12-31")]
    public Task<IActionResult> Unsubscribers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/Subscription/Unsubscribers")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.List(
                await contacts.UnsubscribersAsync(call.Caller.AccountId, call.Query("FromDate"), call.Query("ToDate"), call.Page(), call.Aborted),
                contact => ContactResponse.From(contact)));

    [Function("Contacts_Subscribers")]
    [ApiOperation("Contacts", "Subscribed contacts", Scope = Scope.ContactsRead, Response = typeof(ContactSchema), Paged = true,
        Description = "Contacts who may receive email, by when they last changed.")]
    [ApiQuery("FromDate", "From this date (`yyyy-MM-dd` or `yyyy-MM-ddTHH:mm:ss`, UTC).", Example = "2026-01-01")]
    [ApiQuery("ToDate", "Up to this date.", Example = "2026-12-31")]
    public Task<IActionResult> Subscribers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/Subscription/Subscribers")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.List(
                await contacts.SubscribersAsync(call.Caller.AccountId, call.Query("FromDate"), call.Query("ToDate"), call.Page(), call.Aborted),
                contact => ContactResponse.From(contact)));
}
