using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Account;

/// <summary>The signed-in person's email settings: how contest activity is emailed, and what always is.</summary>
[Authorize]
public sealed class EmailsModel(IGrainFactory grains, ViewerTime local) : PageModel
{
    public ContestActivityEmail ContestActivity { get; private set; }

    public int SummaryHour { get; private set; } = EmailKinds.DefaultSummaryHour;

    /// <summary>"America/New York time", or "UTC" for someone who never chose a zone.</summary>
    public string ZoneWords => local.Zone.Id == LocalTimes.UtcId ? LocalTimes.UtcId : LocalTimes.Name(local.Zone.Id) + " time";

    /// <summary>"08:00", the hour as the choices read.</summary>
    public static string Hour(int hour) => $"{hour.ToString("00", CultureInfo.InvariantCulture)}:00";

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        Show(await Inbox(actor).GetEmailSettingsAsync(actor));
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = nameof(ContestActivity))] string? choice, [FromForm(Name = nameof(SummaryHour))] string? hour)
    {
        var actor = User.RequireActor();
        try
        {
            var saved = await Inbox(actor).SetEmailSettingsAsync(actor, new EmailSettings(EmailSettingsApi.ParseChoice(choice), EmailSettingsApi.ParseHour(hour)));
            TempData["Flash"] = Saved(saved);
            return LocalRedirect("/account/emails");
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid)
        {
            ModelState.AddModelError("", refused.Message.Contains("hour", StringComparison.Ordinal)
                ? refused.Message
                : "Choose one of the three ways to get emails about contest activity, then save.");
            Show(await Inbox(actor).GetEmailSettingsAsync(actor));
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }

    private void Show(EmailSettings settings)
    {
        ContestActivity = settings.ContestActivity;
        SummaryHour = settings.SummaryHour ?? EmailKinds.DefaultSummaryHour;
    }

    private string Saved(EmailSettings saved) => saved.ContestActivity switch
    {
        ContestActivityEmail.Daily => $"Saved. You will get one summary of contest activity a day, at {Hour(saved.SummaryHour ?? EmailKinds.DefaultSummaryHour)} {ZoneWords}.",
        ContestActivityEmail.None => "Saved. You will no longer get emails about contest activity; it stays in Notifications.",
        _ => "Saved. You will get an email for each notice about contest activity.",
    };

    private INotificationInboxGrain Inbox(Actor actor) => grains.GetGrain<INotificationInboxGrain>(actor.UserId);
}
