using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Contacts;
using Sentier.Core.Groups;
using Sentier.Functions.Contacts;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Groups;

/// <summary>A group's members; the member id is the contact id (or email).</summary>
public sealed class GroupMembersFunctions(ApiEndpoint api, GroupService groups, ContactService contacts)
{
    /// <summary>The most used call of ActiveTrail's API: upsert a contact and put it in the group; idempotent.</summary>
    [Function("GroupMembers_Add")]
    public Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "groups/{id}/members")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            var result = await groups.AddMemberAsync(call.Caller.AccountId, id, await call.ReadJsonOrFormAsync(), call.Change(), call.Aborted);
            return ApiResult.Ok(ContactResponse.ForMember(result));
        });

    [Function("GroupMembers_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups/{id}/members")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
        {
            var query = ContactQueryParameters.Read(call, contacts);
            return ApiResult.List(await groups.ListMembersAsync(call.Caller.AccountId, id, query, call.Page(), call.Aborted), contact => ContactResponse.From(contact));
        });

    [Function("GroupMembers_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups/{id}/members/{memberId}")] HttpRequest request,
        string id,
        string memberId) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(ContactResponse.From(await groups.GetMemberAsync(call.Caller.AccountId, id, memberId, call.Aborted))));

    [Function("GroupMembers_Remove")]
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
