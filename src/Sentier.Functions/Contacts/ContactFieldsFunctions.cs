using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Contacts;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Contacts;

/// <summary>The account's contact fields, which form plugins read to map their inputs.</summary>
public sealed class ContactFieldsFunctions(ApiEndpoint api, ContactFieldService fields)
{
    [Function("ContactFields_List")]
    [ApiOperation("Contacts", "The contact fields", Scope = Scope.ContactsRead, Response = typeof(ContactFieldInfo), List = true,
        Description = "Every profile field a contact has, with its display name and type: what form plugins read to map their inputs.",
        ResponseExample = """[{"field_name": "email", "field_display_name": "Email", "field_source_column": "email", "type": "email", "is_custom": false}, {"field_name": "ext1", "field_display_name": "Company", "field_source_column": "ext1", "type": "text", "is_custom": true}]""")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account/contactFields")] HttpRequest request) =>
        api.WithToken(request, Scope.ContactsRead, async call =>
            ApiResult.Ok(await fields.ListAsync(call.Caller.AccountId, call.Aborted)));

    [Function("ContactFields_Rename")]
    [ApiOperation("Contacts", "Rename a custom field", Scope = Scope.ContactsWrite, Request = typeof(ContactFieldRenameRequest), Response = typeof(ContactFieldInfo),
        Description = "Gives a custom field (`ext1`–`ext25`, `date1`–`date5`, `num1`–`num5`) a display name. The wire name stays.",
        RequestExample = """{"field_display_name": "Company"}""",
        ResponseExample = """{"field_name": "ext1", "field_display_name": "Company", "field_source_column": "ext1", "type": "text", "is_custom": true}""",
        Errors = ["404: no custom field has that name."])]
    public Task<IActionResult> Rename(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "account/contactFields/{fieldName}")] HttpRequest request,
        string fieldName) =>
        api.WithToken(request, Scope.ContactsWrite, async call =>
            ApiResult.Ok(await fields.RenameAsync(call.Caller.AccountId, fieldName, await call.ReadJsonAsync(), call.Aborted)));
}
