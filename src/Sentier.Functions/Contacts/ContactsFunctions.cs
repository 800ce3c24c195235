using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Contacts;
using Sentier.Functions.Groups;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Contacts;

/// <summary>ActiveTrail's contacts resource. <c>{id}</c> is a contact id or the contact's email.</summary>
public sealed class ContactsFunctions(ApiEndpoint api, ContactService contacts, ContactImporter importer)
{
    [Function("Contacts_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
        {
            var query = ContactQueryParameters.Read(call, contacts);
            return ApiResult.List(await contacts.ListAsync(call.Caller.AccountId, query, call.Page(), call.Aborted), contact => ContactResponse.From(contact));
        });

    /// <summary>Creates the contact or updates the one with that email (or, without an email, that sms number).</summary>
    [Function("Contacts_Upsert")]
    public Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contacts")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var result = await contacts.UpsertAsync(call.Caller.AccountId, await call.ReadJsonOrFormAsync(), call.Change(), call.Aborted);
            return ApiResult.Ok(ContactResponse.From(result));
        });

    [Function("Contacts_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(ContactResponse.From(await contacts.GetAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Contacts_Update")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "contacts/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var (contact, deleted) = await contacts.UpdateAsync(call.Caller.AccountId, id, await call.ReadJsonAsync(), call.Change(), call.Aborted);
            return ApiResult.Ok(ContactResponse.From(contact, deleted));
        });

    [Function("Contacts_Delete")]
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
    public Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contacts/Import")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var body = await call.ReadJsonAsync(call.MaxImportBodyBytes);
            var result = await importer.ImportAsync(call.Caller.AccountId, body, call.Change(ChangeSource.Import), call.Aborted);
            return ApiResult.Ok(ImportResponse.From(result));
        });

    [Function("Contacts_Groups")]
    public Task<IActionResult> Groups(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/{id}/groups")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok((await contacts.GroupsOfAsync(call.Caller.AccountId, id, call.Aborted)).Select(GroupResponse.From).ToList()));

    [Function("Contacts_Unsubscribers")]
    public Task<IActionResult> Unsubscribers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/Subscription/Unsubscribers")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.List(
                await contacts.UnsubscribersAsync(call.Caller.AccountId, call.Query("FromDate"), call.Query("ToDate"), call.Page(), call.Aborted),
                contact => ContactResponse.From(contact)));

    [Function("Contacts_Subscribers")]
    public Task<IActionResult> Subscribers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "contacts/Subscription/Subscribers")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.List(
                await contacts.SubscribersAsync(call.Caller.AccountId, call.Query("FromDate"), call.Query("ToDate"), call.Page(), call.Aborted),
                contact => ContactResponse.From(contact)));
}
