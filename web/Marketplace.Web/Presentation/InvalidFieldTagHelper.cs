using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Marketplace.Web.Presentation;

/// <summary>
/// A field whose value was refused says so to screen readers: <c>aria-invalid="true"</c>, and its message in the
/// error summary (<c>Shared/_Errors</c>) added to its description, so tabbing back to the field reads out what to fix.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    /// <summary>After the built-in tag helpers, which write the field's id and name.</summary>
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.GetFieldValidationState(name) != ModelValidationState.Invalid) return;
        if (output.Attributes.TryGetAttribute("type", out var type) && type.Value?.ToString() == "hidden") return;

        MarkInvalid(output, name);
    }

    /// <summary>Says the field is invalid and puts its message (the summary's item) first in its description, before its hint.</summary>
    internal static void MarkInvalid(TagHelperOutput output, string fieldName)
    {
        output.Attributes.SetAttribute("aria-invalid", "true");
        var errorId = FieldErrorIds.For(fieldName);
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var hint) ? $"{errorId} {hint.Value}" : errorId;
        output.Attributes.SetAttribute("aria-describedby", describedBy);
    }
}

/// <summary>
/// The same for a file picker, which has no model property to name in <c>asp-for</c> (the file is a handler
/// parameter): a refused upload is recorded under the input's <c>name</c> ("file", "files"), so the picker says it
/// is invalid and reads the reason, not only the summary above it.
/// </summary>
[HtmlTargetElement("input", Attributes = "[type=file],name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class InvalidFileFieldTagHelper : TagHelper
{
    public override int Order => 100;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = output.Attributes["name"].Value?.ToString();
        if (string.IsNullOrEmpty(name) || ViewContext.ViewData.ModelState.GetFieldValidationState(name) != ModelValidationState.Invalid) return;
        InvalidFieldTagHelper.MarkInvalid(output, name);
    }
}

/// <summary>The id of a field's message in the error summary, shared by the summary and <see cref="InvalidFieldTagHelper"/>.</summary>
public static class FieldErrorIds
{
    public static string For(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}
