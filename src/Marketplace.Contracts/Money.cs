namespace Marketplace.Contracts;

/// <summary>An amount in minor units (cents) of an ISO 4217 currency. Never floating point.</summary>
[GenerateSerializer, Immutable]
public sealed record Money([property: Id(0)] long Minor, [property: Id(1)] string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public Money Plus(Money other) => new(checked(Minor + SameCurrency(other).Minor), Currency);
    public Money Minus(Money other) => new(checked(Minor - SameCurrency(other).Minor), Currency);

    private Money SameCurrency(Money other) => other.Currency == Currency
        ? other
        : throw MarketplaceException.Invalid($"Cannot mix {Currency} and {other.Currency}.");

    public override string ToString() => $"{Minor / 100}.{Math.Abs(Minor % 100):00} {Currency}";
}
