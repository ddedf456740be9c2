namespace Marketplace.Contracts;

/// <summary>Where people write to Marketplace support: to ask, and to contest a moderation decision.</summary>
public static class SupportContact
{
    public const string Email = "help@marketplace.example";
}
