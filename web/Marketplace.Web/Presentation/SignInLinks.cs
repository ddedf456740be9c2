using Microsoft.AspNetCore.Http;

namespace Marketplace.Web.Presentation;

/// <summary>
/// The header's "Sign in" comes back to the page it was pressed on: someone who opened an email's link to a public page
/// (a new entry, a brief) while signed out signs in and is where they were, not on their home page.
/// </summary>
public static class SignInLinks
{
    private const string SignIn = "/account/signin";

    /// <summary>Pages that have no reason to be returned to after signing in (the account's own forms, errors, the home page).</summary>
    private static readonly string[] NoReturn = ["/account", "/error", "/unsubscribe", "/delivery"];

    public static string From(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path == "/" || !HttpMethods.IsGet(request.Method) || NoReturn.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return SignIn;
        }

        return SignIn + "?returnUrl=" + Uri.EscapeDataString(path + request.QueryString.Value);
    }
}
