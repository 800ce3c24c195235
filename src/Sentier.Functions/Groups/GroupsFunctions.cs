using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Groups;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Groups;

/// <summary>ActiveTrail's groups resource.</summary>
public sealed class GroupsFunctions(ApiEndpoint api, GroupService groups)
{
    [Function("Groups_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.List(await groups.ListAsync(call.Caller.AccountId, call.Query("SearchTerm"), call.Page(), call.Aborted), GroupResponse.From));

    [Function("Groups_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "groups")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
            ApiResult.Ok(GroupResponse.From(await groups.CreateAsync(call.Caller.AccountId, await call.ReadJsonOrFormAsync(), call.Aborted))));

    [Function("Groups_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(GroupResponse.From(await groups.GetAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Groups_Update")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "groups/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
            ApiResult.Ok(GroupResponse.From(await groups.RenameAsync(call.Caller.AccountId, id, await call.ReadJsonOrFormAsync(), call.Aborted))));

    /// <summary>Deletes the group; its contacts stay, without this membership.</summary>
    [Function("Groups_Delete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "groups/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            await groups.DeleteAsync(call.Caller.AccountId, id, call.Change(), call.Aborted);
            return ApiResult.NoContent();
        });
}
