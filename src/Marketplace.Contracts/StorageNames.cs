namespace Marketplace.Contracts;

/// <summary>Names shared by the silo, the web and the tests, so that storage is wired one way.</summary>
public static class StorageNames
{
    /// <summary>The Orleans grain storage provider every grain's <c>[PersistentState]</c> names.</summary>
    public const string GrainStorage = "marketplace";

    /// <summary>Configuration key (<c>ConnectionStrings:Storage</c>, env <c>ConnectionStrings__Storage</c>).</summary>
    public const string ConnectionStringName = "Storage";

    /// <summary>Used when no connection string is configured: the local Azurite on its default ports.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>
    /// Blob containers, all private in storage. The web serves <see cref="Previews"/> (entry previews) to anyone;
    /// every other container only through a grain's check.
    /// </summary>
    public static class Containers
    {
        public const string GrainState = "grainstate";
        public const string Originals = "originals";
        public const string Finals = "finals";
        /// <summary>Previews of entries: the only images served to anyone (<c>/files/previews/{name}</c>).</summary>
        public const string Previews = "previews";
        /// <summary>
        /// Previews of handover files (delivered finals, the copies staff send the buyer, dispute evidence): served only
        /// to whoever may see the handover (the two parties and staff), never by the public preview route.
        /// </summary>
        public const string HandoverPreviews = "handoverpreviews";
        /// <summary>Private: uploads wait here until the preview worker checks and stores them.</summary>
        public const string Staging = "staging";
        /// <summary>
        /// Private: files the silos build from others (<see cref="Files.IZipBuildGrain"/>), such as a handover's "Download
        /// all files" zip, kept so a download has a length and can resume. Named by what they are built from; the sweep
        /// deletes them after a while, and the next download builds them again.
        /// </summary>
        public const string Downloads = "downloads";
        /// <summary>Private: the web servers' shared ASP.NET Core data protection keys, which sign the sign-in cookie and antiforgery tokens.</summary>
        public const string DataProtectionKeys = "dataprotection";
    }

    /// <summary>Azure table holding Orleans reminders.</summary>
    public const string RemindersTable = "reminders";

    /// <summary>Azure table listing the silos of a cluster (with <c>Orleans:Membership=AzureStorage</c>): silos join through it, clients find gateways in it.</summary>
    public const string MembershipTable = "membership";
}
