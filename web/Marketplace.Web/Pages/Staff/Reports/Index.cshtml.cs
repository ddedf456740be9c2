using Marketplace.Contracts.Reports;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Staff.Reports;

/// <summary>Reported entries with open reports, the longest waiting first: one call to the report list.</summary>
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<ReportedEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() =>
        Entries = await grains.GetGrain<IReportQueueGrain>(IReportQueueGrain.Key).ListAsync(User.RequireActor());
}
