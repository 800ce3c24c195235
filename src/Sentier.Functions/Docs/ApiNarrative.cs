namespace Sentier.Functions.Docs;

/// <summary>The opening words of the two documents and of the token scheme.</summary>
public static class ApiNarrative
{
    public const string Public = """
        An API compatible with ActiveTrail's REST API for contacts, groups and their members, with
        webhooks ("API Events") and Facebook Lead Ads sync. A client written for ActiveTrail works by
        changing its base URL: the same routes and casing (`contacts/Import`,
        `contacts/Subscription/Unsubscribers`), query parameters, snake_case fields, dates as
        `yyyy-MM-ddTHH:mm:ss` in UTC, and errors as `{"Message": "…"}`.

        **Authentication.** Every call but `health` sends an API token in the `Authorization`
        header (see the `ApiToken` scheme). Each token belongs to an API app with scopes
        (`contacts:read`, `contacts:write`, `webhooks:read`, `webhooks:write`, `facebook:read`,
        `facebook:write`, `apps:manage`); a call outside them answers 403 naming the scope.

        **Lists** answer a bare JSON array of one page. `Page` (from 1) and `Limit` (1–100, default
        20) page as ActiveTrail does; to walk a whole collection, send back the `X-Continuation`
        header of each page as `Continuation` until a page comes without it.

        **Errors** are `{"Message": "…"}` with a status: 400 for invalid input (nothing is
        changed), 401 for a missing or invalid token, 403 for a missing scope, 404 when the id is not
        in your account, 409 for a conflict, 413 for a body over the limit, 415 for a body that is
        not JSON, 500 and 503 (with `X-Correlation-Id` to quote) for failures on our side — retry
        503 with backoff.
        """;

    public const string Operator = """
        The operator's API: creates accounts and issues their API apps. Every call needs the
        `X-Admin-Key` header (app setting `Sentier:AdminKey`); without the setting the operator API is
        disabled (403). Not for customers: the public reference is `/api/openapi.json`.
        """;

    public const string TokenForms = """
        The API app's token, in any of the three forms ActiveTrail clients send:
        the raw token (`Authorization: 0AB1…`), `Basic <token>` (the token itself, not base64 —
        as ActiveTrail's own clients send it) or `Bearer <token>`. A token is shown once, when its app
        is created; apps may restrict the addresses they are used from (`allowed_ips`).
        """;
}
