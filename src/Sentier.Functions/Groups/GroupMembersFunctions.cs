using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Contacts;
using Sentier.Core.Groups;
using Sentier.Functions.Contacts;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Groups;

/// <summary>A group's members; the member id is the contact id (or email).</summary>
[ApiTag("Group members", "A group's contacts: list them, add a contact (creating or updating it from the body) and remove one. Joining and leaving raise API Events.")]
public sealed class GroupMembersFunctions(ApiEndpoint api, GroupService groups, ContactService contacts)
{
    /// <summary>The most used call of ActiveTrail's API: upsert a contact and put it in the group; idempotent.</summary>
    [Function("GroupMembers_Add")]
    [ApiOperation("Group members", "Add a contact to a group", Scope = Scope.ContactsWrite, Request = typeof(ContactSchema), AcceptsForm = true, Response = typeof(ContactSchema),
        Description = "The most used call of ActiveTrail's API: upserts the contact (as `POST contacts`) and puts it in the group. Idempotent: `state` says `added` or `existing`.",
        Errors = ["400: neither `email` nor `sms`, or an invalid field.", "404: the group does not exist.", "405: the contact is marked do-not-mail and the body changes its status.", "409: the contact is already in 40 groups, or its email and sms belong to two contacts."])]
    [ApiHeader("X-Change-Source", "Where the change comes from, as webhooks report it: `api` (default), `import`, `manual`, `facebook`, `zapier` or `automation`.")]
    public Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "groups/{id}/members")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var result = await groups.AddMemberAsync(call.Caller.AccountId, id, await call.ReadJsonOrFormAsync(), call.Change(), call.Aborted);
            return ApiResult.Ok(ContactResponse.ForMember(result));
        });

    [Function("GroupMembers_List")]
    [ApiOperation("Group members", "List a group's members", Scope = Scope.ContactsRead, Response = typeof(ContactSchema), Paged = true,
        Description = "The group's contacts, filtered as `GET contacts` filters.")]
    [ApiQueriesOf(typeof(ContactQueryParameters))]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups/{id}/members")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
        {
            var query = ContactQueryParameters.Read(call, contacts);
            return ApiResult.List(await groups.ListMembersAsync(call.Caller.AccountId, id, query, call.Page(), call.Aborted), contact => ContactResponse.From(contact));
        });

    [Function("GroupMembers_Get")]
    [ApiOperation("Group members", "Get a member", Scope = Scope.ContactsRead, Response = typeof(ContactSchema),
        Description = "The contact (`{memberId}`: id or email) when it is in the group; 404 otherwise.")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups/{id}/members/{memberId}")] HttpRequest request,
        string id,
        string memberId) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(ContactResponse.From(await groups.GetMemberAsync(call.Caller.AccountId, id, memberId, call.Aborted))));

    [Function("GroupMembers_Remove")]
    [ApiOperation("Group members", "Remove a member", Scope = Scope.ContactsWrite, SuccessStatus = 204,
        Description = "Takes the contact out of the group; the contact stays.")]
    [ApiHeader("X-Change-Source", "Where the change comes from, as webhooks report it: `api` (default), `import`, `manual`, `facebook`, `zapier` or `automation`.")]
    public Task<IActionResult> Remove(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "groups/{id}/members/{memberId}")] HttpRequest request,
        string id,
        string memberId) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            await groups.RemoveMemberAsync(call.Caller.AccountId, id, memberId, call.Change(), call.Aborted);
            return ApiResult.NoContent();
        });
}
