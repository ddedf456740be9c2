using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="EmailOptions"/> from <c>Marketplace:Email</c> (validated at start) and the sender they choose: SMTP
    /// when <c>Smtp:Host</c> is set, else the pickup folder. A sender registered before this call wins (tests).
    /// </summary>
    public static IServiceCollection AddMarketplaceEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .Validate(o => o.Validate() is null, "Marketplace:Email is invalid: check SiteUrl, FromAddress and Smtp:Host or PickupDirectory.")
            .ValidateOnStart();
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp)
            : ActivatorUtilities.CreateInstance<PickupFolderEmailSender>(sp));
        return services;
    }
}
