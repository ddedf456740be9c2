using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Payments;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Marketplace.Grains.Escrow;

/// <summary>Reads the same <see cref="FeeOptions"/> escrow pays with; stateless, so each silo answers locally.</summary>
[StatelessWorker]
public sealed class FeeScheduleGrain(IOptions<FeeOptions> fees) : Grain, IFeeScheduleGrain
{
    public Task<FeeSchedule> GetAsync() => Task.FromResult(new FeeSchedule(fees.Value.PlatformFeePercent));

    public Task<Money> WinnerReceivesAsync(Money prize) => Task.FromResult(fees.Value.CreativeReceives(prize));
}
