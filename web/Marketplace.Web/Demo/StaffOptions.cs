namespace Marketplace.Web.Demo;

/// <summary>
/// Staff accounts from configuration (section <c>Marketplace:Staff</c>, a list): staff never sign up, they are
/// created or updated at start. In production the passwords come from secrets, never from appsettings.
/// </summary>
public sealed class StaffAccountOptions
{
    public const string Section = "Marketplace:Staff";

    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string DisplayName { get; set; } = "";
}
