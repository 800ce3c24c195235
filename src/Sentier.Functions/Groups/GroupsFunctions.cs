using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Groups;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Groups;

/// <summary>ActiveTrail's groups resource.</summary>
[ApiTag("Groups", "Named sets of contacts, as in ActiveTrail: create, rename, list with exact member counts, delete (members stay contacts).")]
public sealed class GroupsFunctions(ApiEndpoint api, GroupService groups)
{
    [Function("Groups_List")]
    [ApiOperation("Groups", "List groups", Scope = Scope.ContactsRead, Response = typeof(GroupResponse), Paged = true, ResponseExample = "[" + """{"id": 17, "name": "Newsletter", "counter": 1250, "active_counter": 1180, "created": "2026-11-02T08:30:00", "last_generated": null}""" + "]",
        Description = "The account's groups, with their member counters.")]
    [ApiQuery("SearchTerm", "Groups whose name contains this text.", Example = "news")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.List(await groups.ListAsync(call.Caller.AccountId, call.Query("SearchTerm"), call.Page(), call.Aborted), GroupResponse.From));

    [Function("Groups_Create")]
    [ApiOperation("Groups", "Create a group", Scope = Scope.ContactsWrite, Request = typeof(GroupRequest), AcceptsForm = true, Response = typeof(GroupResponse),
        RequestExample = """{"name": "Newsletter"}""", ResponseExample = """{"id": 17, "name": "Newsletter", "counter": 1250, "active_counter": 1180, "created": "2026-11-02T08:30:00", "last_generated": null}""",
        Description = "Creates an empty group. Answers 200 as ActiveTrail does.",
        Errors = ["409: a group with that name exists."])]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "groups")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
            ApiResult.Ok(GroupResponse.From(await groups.CreateAsync(call.Caller.AccountId, await call.ReadJsonOrFormAsync(), call.Aborted))));

    [Function("Groups_Get")]
    [ApiOperation("Groups", "Get a group", Scope = Scope.ContactsRead, Response = typeof(GroupResponse), ResponseExample = """{"id": 17, "name": "Newsletter", "counter": 1250, "active_counter": 1180, "created": "2026-11-02T08:30:00", "last_generated": null}""",
        Description = "One group with its counters: `counter` counts members, `active_counter` those email may be sent to.")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "groups/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(GroupResponse.From(await groups.GetAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Groups_Update")]
    [ApiOperation("Groups", "Rename a group", Scope = Scope.ContactsWrite, Request = typeof(GroupRequest), AcceptsForm = true, Response = typeof(GroupResponse),
        RequestExample = """{"name": "Newsletter 2027"}""", ResponseExample = """{"id": 17, "name": "Newsletter", "counter": 1250, "active_counter": 1180, "created": "2026-11-02T08:30:00", "last_generated": null}""",
        Description = "Renames the group.",
        Errors = ["409: another group has that name."])]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "groups/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
            ApiResult.Ok(GroupResponse.From(await groups.RenameAsync(call.Caller.AccountId, id, await call.ReadJsonOrFormAsync(), call.Aborted))));

    /// <summary>Deletes the group; its contacts stay, without this membership.</summary>
    [Function("Groups_Delete")]
    [ApiOperation("Groups", "Delete a group", Scope = Scope.ContactsWrite, SuccessStatus = 204,
        Description = "Deletes the group; its contacts stay, without this membership (webhooks receive `contact_removed_from_group` for each).")]
    [ApiHeader("X-Change-Source", "Where the change comes from, as webhooks report it: `api` (default), `import`, `manual`, `facebook`, `zapier` or `automation`.")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "groups/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
        {
            await groups.DeleteAsync(call.Caller.AccountId, id, call.Change(), call.Aborted);
            return ApiResult.NoContent();
        });
}
