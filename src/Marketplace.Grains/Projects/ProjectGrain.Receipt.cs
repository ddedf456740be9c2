using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Payments;

namespace Marketplace.Grains.Projects;

/// <summary>
/// The buyer's receipt: the project's facts from here, the money from escrow's movements as they happened (never
/// recomputed), the name and address from the buyer's account. Escrow and the user grain's contact (interleaved) never
/// call a project back, so reading them here cannot deadlock.
/// </summary>
public sealed partial class ProjectGrain
{
    public async Task<BuyerReceipt> GetReceiptAsync(Actor actor)
    {
        RequireExists();
        await RequireMaySeeAsync(actor);
        await RequireBuyerOrStaffReadingAsync(actor, "see this project's receipt");
        var statement = await Escrow.GetStatementAsync();
        var funded = statement.Movements.FirstOrDefault(m => m.Kind == EscrowMovementKind.Funded)
            ?? throw MarketplaceException.Conflict("This project has not been paid for yet, so there is no receipt. Fund it to open it for entries, and the receipt appears here.");
        var buyer = await grains.GetGrain<IUserGrain>(S.BuyerId!).GetContactAsync(Actor.System);
        var returns = ReturnsToBuyer(statement.Movements);
        var netPaid = returns.Aggregate(funded.Amount, (paid, back) => paid.Minus(back.Amount));
        return new BuyerReceipt(
            Id, Draft.Brief.Title, ReceiptNumbers.For(Id, funded.OperationId), buyer.DisplayName, buyer.Email, funded.At,
            funded.Amount, PaymentMethods.Of(funded.GatewayReference), funded.GatewayReference, returns, netPaid);
    }

    /// <summary>Each refund movement on its own line; one whose operation also paid the creative was a split.</summary>
    private List<ReceiptReturn> ReturnsToBuyer(IReadOnlyList<EscrowMovement> movements) =>
        movements.Where(m => m.Kind == EscrowMovementKind.RefundedToBuyer)
            .Select(m => new ReceiptReturn(
                ReceiptNumbers.For(Id, $"{m.OperationId}/refund"),
                movements.Any(o => o.OperationId == m.OperationId && o.Kind == EscrowMovementKind.ReleasedToCreative) ? ReceiptReturnKind.SplitShare : ReceiptReturnKind.Refund,
                m.At, m.Amount, m.GatewayReference))
            .ToList();

    /// <summary>
    /// A receipt is the buyer's record of their own money: they keep it even while their account is suspended. Staff
    /// (active) read it to answer "Can I get an invoice?".
    /// </summary>
    private async Task RequireBuyerOrStaffReadingAsync(Actor actor, string what)
    {
        if (actor.Is(S.BuyerId!))
        {
            return;
        }

        if (!actor.IsStaff)
        {
            throw MarketplaceException.Forbidden($"Only this project's buyer or Marketplace support can {what}.");
        }

        await grains.RequireStaffAsync(actor, what);
    }
}
