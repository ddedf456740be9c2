using Marketplace.Contracts;

namespace Marketplace.Web.Errors;

/// <summary>The one mapping from a refused grain call to an HTTP status, used by pages and API alike.</summary>
public static class ErrorStatus
{
    public static int For(Exception exception) => exception switch
    {
        MarketplaceException { Kind: ErrorKind.Invalid } => StatusCodes.Status400BadRequest,
        MarketplaceException { Kind: ErrorKind.Forbidden } => StatusCodes.Status403Forbidden,
        MarketplaceException { Kind: ErrorKind.NotFound } => StatusCodes.Status404NotFound,
        MarketplaceException { Kind: ErrorKind.Conflict } => StatusCodes.Status409Conflict,
        Uploads.UploadRefusedException refused => refused.Status,
        Api.AccountLockedException => StatusCodes.Status429TooManyRequests,
        BadHttpRequestException bad => bad.StatusCode,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string Title(int status) => status switch
    {
        400 => "That didn't work",
        401 => "Please sign in",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Not allowed",
        409 => "That can't be done right now",
        413 => "File too large",
        415 => "Unsupported file",
        429 => "Slow down",
        _ => "Something went wrong",
    };

    /// <summary>
    /// What the person should read: the grain's own message (any time it names in <paramref name="zone"/>, the
    /// reader's; UTC when not given), or a plain default for the status.
    /// </summary>
    public static string Message(Exception? exception, int status, TimeZoneInfo? zone = null) => exception switch
    {
        MarketplaceException refused => refused.In(zone ?? TimeZoneInfo.Utc),
        Uploads.UploadRefusedException refused => refused.Message,
        Api.AccountLockedException locked => locked.Message,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => "This form expired or did not come from our site. Go back, reload the page and try again.",
        BadHttpRequestException { InnerException: Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException } =>
            "The security token is missing or wrong. Reload the page (API clients: send the X-XSRF-TOKEN header from GET /api/v1/account/antiforgery).",
        BadHttpRequestException { StatusCode: 413 } => "That file is larger than the upload limit. Make it smaller and try again.",
        BadHttpRequestException bad => "The request could not be read: " + bad.Message.TrimEnd('.') + ". Check the fields and try again.",
        _ => DefaultMessage(status),
    };

    public static string DefaultMessage(int status) => status switch
    {
        400 => "The form was incomplete or expired. Go back, reload the page and try again.",
        401 => "Sign in to continue.",
        403 => "Your account can't do this. Sign in with another account, or contact help.",
        404 => "We couldn't find that page. It may have been removed, or the link is wrong.",
        405 => "That action isn't available here.",
        413 => "That file is larger than the upload limit. Make it smaller and try again.",
        429 => "Too many attempts in a short time. Wait a minute and try again.",
        _ => "Something went wrong on our side. Try again in a moment; if it keeps happening, contact help.",
    };
}
