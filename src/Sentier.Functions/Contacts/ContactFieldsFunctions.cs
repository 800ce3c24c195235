using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Contacts;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Contacts;

/// <summary>The account's contact fields, which form plugins read to map their inputs.</summary>
public sealed class ContactFieldsFunctions(ApiEndpoint api, ContactFieldService fields)
{
    [Function("ContactFields_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account/contactFields")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(await fields.ListAsync(call.Caller.AccountId, call.Aborted)));

    [Function("ContactFields_Rename")]
    public Task<IActionResult> Rename(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "account/contactFields/{fieldName}")] HttpRequest request,
        string fieldName) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
            ApiResult.Ok(await fields.RenameAsync(call.Caller.AccountId, fieldName, await call.ReadJsonAsync(), call.Aborted)));
}
