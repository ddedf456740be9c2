using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>The signed-in person's email settings: how contest activity is emailed, and what always is.</summary>
[Authorize]
public sealed class EmailsModel(IGrainFactory grains) : PageModel
{
    public ContestActivityEmail ContestActivity { get; private set; }

    public string SummaryTime => EmailKinds.DailySummaryAt.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        ContestActivity = (await Inbox(actor).GetEmailSettingsAsync(actor)).ContestActivity;
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = nameof(ContestActivity))] string? choice)
    {
        var actor = User.RequireActor();
        try
        {
            var saved = await Inbox(actor).SetEmailSettingsAsync(actor, new EmailSettings(EmailSettingsApi.ParseChoice(choice)));
            TempData["Flash"] = Saved(saved.ContestActivity);
            return LocalRedirect("/account/emails");
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid)
        {
            ModelState.AddModelError("", "Choose one of the three ways to get emails about contest activity, then save.");
            ContestActivity = (await Inbox(actor).GetEmailSettingsAsync(actor)).ContestActivity;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }

    private string Saved(ContestActivityEmail choice) => choice switch
    {
        ContestActivityEmail.Daily => $"Saved. You will get one summary of contest activity a day, at {SummaryTime} UTC.",
        ContestActivityEmail.None => "Saved. You will no longer get emails about contest activity; it stays in Notifications.",
        _ => "Saved. You will get an email for each notice about contest activity.",
    };

    private INotificationInboxGrain Inbox(Actor actor) => grains.GetGrain<INotificationInboxGrain>(actor.UserId);
}
