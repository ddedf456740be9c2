using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>Shows a refused call or a bare status code to a person, keeping the status code.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel(ViewerTime local) : PageModel
{
    public int Status { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Show(code);
    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Status = code ?? (exception is null ? 500 : ErrorStatus.For(exception));
        if (Status is < 400 or > 599) Status = 404;
        Response.StatusCode = Status;
        Heading = ErrorStatus.Title(Status);
        Message = ErrorStatus.Message(exception, Status, local.Zone);
    }
}
