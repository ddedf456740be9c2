using System.Text.RegularExpressions;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Page markup as a reader's sentence: every time is a <c>&lt;time datetime="…Z"&gt;</c> element, whose tags a test of the words leaves out.</summary>
public static partial class PageText
{
    public static string TimeTagsOut(string html) => TimeTag().Replace(html, "");

    [GeneratedRegex("<time datetime=\"[0-9T:Z-]+\">|</time>")]
    private static partial Regex TimeTag();
}
