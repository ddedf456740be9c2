using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Buyer.Projects;

/// <summary>
/// The brief form a buyer fills in to post a project and again to edit its draft (<c>_ProjectFields</c>): what it binds,
/// the checks the form makes before the grain (which validates the draft again), and the draft it becomes.
/// </summary>
public abstract class ProjectFormModel(IGrainFactory grains) : PageModel
{
    protected IGrainFactory Grains { get; } = grains;

    public static readonly IReadOnlyList<string> Formats = ["PNG", "JPG", "SVG", "PDF", "AI", "EPS", "PSD"];

    [BindProperty, Required(ErrorMessage = "Give the project a title."), StringLength(120, MinimumLength = 4, ErrorMessage = "Use 4 to 120 characters for the title.")]
    public string? Title { get; set; }

    [BindProperty, Required(ErrorMessage = "Describe what you need."), StringLength(8000, MinimumLength = 20, ErrorMessage = "Describe what you need in at least 20 characters.")]
    public string? Description { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a category.")]
    public string? Category { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter the prize in US dollars.")]
    public string? Prize { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose when entries close.")]
    public DateOnly? EntryDeadline { get; set; }

    [BindProperty, Range(1, 30, ErrorMessage = "Give yourself 1 to 30 days to choose.")]
    public int SelectionDays { get; set; } = 7;

    [BindProperty] public bool AllowEarlyAward { get; set; } = true;

    [BindProperty] public List<string> DeliverableFormats { get; set; } = ["PNG", "SVG", "PDF"];

    /// <summary>
    /// The formats offered: the usual ones, plus any the draft already asks for (a draft written through the API may name
    /// others, such as TIFF), so saving the form never drops them. The grain checks every format name.
    /// </summary>
    public IEnumerable<string> FormatChoices => Formats.Union(DeliverableFormats, StringComparer.OrdinalIgnoreCase);

    /// <summary>The usual selection windows, plus the draft's own if it is another (the API takes 1 to 30 days).</summary>
    public IEnumerable<int> SelectionDayChoices => new[] { 3, 7, 14 }.Append(SelectionDays).Distinct().Order();

    /// <summary>The configured fee, so the prize hint tells the buyer what the winner will get.</summary>
    public decimal PlatformFeePercent { get; private set; }

    /// <summary>
    /// What the prize typed so far costs and pays, for the summary beside the form (<c>_CostSummary</c>); null until the
    /// prize is an amount. The payout comes from the fee schedule, the one calculation escrow pays with.
    /// </summary>
    public PrizeCost? Cost { get; private set; }

    protected async Task LoadFeeAsync()
    {
        var fees = Grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key);
        PlatformFeePercent = (await fees.GetAsync()).PlatformFeePercent;
        Cost = ParsePrize(Prize) is { } minor ? new PrizeCost(new Money(minor, "USD"), await fees.WinnerReceivesAsync(new Money(minor, "USD"))) : null;
    }

    /// <summary>The cost summary alone, for the page's script to show as the buyer types the prize.</summary>
    public async Task<IActionResult> OnGetSummaryAsync(string? prize)
    {
        Prize = prize;
        await LoadFeeAsync();
        return Partial("_CostSummary", this);
    }

    /// <summary>
    /// Without JavaScript, "Update the total" sends the form here: the same page with the summary for the prize typed and
    /// every field kept; nothing is saved and nothing is refused yet, as the buyer has not asked to continue.
    /// </summary>
    public async Task<IActionResult> OnPostSummaryAsync()
    {
        ModelState.Clear();
        await LoadFeeAsync();
        return Page();
    }

    /// <summary>The form as a draft, or null with the reasons in <see cref="PageModel.ModelState"/>.</summary>
    protected ProjectDraft? ToDraft()
    {
        var prize = ParsePrize(Prize);
        if (Prize is not null && prize is null) ModelState.AddModelError(nameof(Prize), "Enter the prize as a number of dollars, like 250 or 249.99.");
        if (Category is not null && !Categories.IsKnown(Category)) ModelState.AddModelError(nameof(Category), "Choose one of the listed categories.");
        if (!ModelState.IsValid) return null;
        return new ProjectDraft(
            new ProjectBrief(Title!.Trim(), Description!.Trim(), Category!, DeliverableFormats.Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList()),
            new Money(prize!.Value, "USD"),
            EndOfDayForBuyer(EntryDeadline!.Value),
            TimeSpan.FromDays(SelectionDays),
            AllowEarlyAward);
    }

    /// <summary>Fills the form from a saved draft, so editing starts from what the buyer wrote.</summary>
    protected void Fill(ProjectView project)
    {
        Title = project.Brief.Title;
        Description = project.Brief.Description;
        Category = project.Brief.Category;
        Prize = (project.Prize.Minor / 100m).ToString(project.Prize.Minor % 100 == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);
        EntryDeadline = DayForBuyer(project.EntryDeadline);
        SelectionDays = (int)Math.Round(project.SelectionWindow.TotalDays);
        AllowEarlyAward = project.AllowEarlyAward;
        DeliverableFormats = project.Brief.DeliverableFormats.ToList();
    }

    /// <summary>The buyer's zone (their inbox's; UTC when none is set): the day they pick is a day on their own calendar.</summary>
    public TimeZoneInfo BuyerZone => HttpContext.RequestServices.GetRequiredService<ViewerTime>().Zone;

    /// <summary>"23:59 Europe/Paris time", "23:59 UTC": when, on the chosen day, entries close.</summary>
    public string ClosingTimeWords => BuyerZone.Id == LocalTimes.UtcId ? "23:59 UTC" : $"23:59 {LocalTimes.Name(BuyerZone.Id)} time";

    /// <summary>
    /// Entries close at the end of the chosen day where the buyer lives, so the payment page and the brief show the day
    /// they picked (as 23:59 UTC, a Paris buyer's 1 Dec read "2 Dec, 00:59 CET" and a New York buyer's closed mid-afternoon).
    /// </summary>
    protected DateTimeOffset EndOfDayForBuyer(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(23, 59));
        // A clock change never falls at 23:59 in today's zones; should one, the minute after the gap is the end of that day.
        while (BuyerZone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, BuyerZone.GetUtcOffset(local));
    }

    /// <summary>The day <paramref name="at"/> falls on for the buyer.</summary>
    protected DateOnly DayForBuyer(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, BuyerZone).DateTime);

    /// <summary>The page again with the reasons, as a 400.</summary>
    protected IActionResult Refused(string? message = null)
    {
        if (message is not null) ModelState.AddModelError("", message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>"250", "249.99", "$1,000" → minor units; null when it is not an amount.</summary>
    public static long? ParsePrize(string? text)
    {
        var cleaned = text?.Trim().TrimStart('$').Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            && amount > 0 && amount < 1_000_000 && decimal.Round(amount, 2) == amount
            ? (long)(amount * 100)
            : null;
    }
}

/// <summary>A prize and what its winner receives after the marketplace fee (the buyer pays the prize, nothing more).</summary>
public sealed record PrizeCost(Money Prize, Money WinnerReceives)
{
    public Money Fee => Prize.Minus(WinnerReceives);
}
