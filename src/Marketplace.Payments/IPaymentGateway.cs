using Marketplace.Contracts;

namespace Marketplace.Payments;

/// <summary>
/// The outside side of escrow: takes the buyer's money, pays creatives, returns refunds. Every call carries the
/// escrow operation id as an idempotency key, so a retried call never moves money twice at the provider either.
/// Returns the provider's reference for the movement.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Takes <paramref name="amount"/> from the buyer into the platform's escrow account.</summary>
    Task<string> CollectAsync(string idempotencyKey, string buyerId, Money amount, CancellationToken cancellationToken = default);

    /// <summary>Pays <paramref name="amount"/> (already net of the fee) to the creative.</summary>
    Task<string> PayOutAsync(string idempotencyKey, string creativeId, Money amount, CancellationToken cancellationToken = default);

    /// <summary>Returns <paramref name="amount"/> to the buyer.</summary>
    Task<string> RefundAsync(string idempotencyKey, string buyerId, Money amount, CancellationToken cancellationToken = default);
}
