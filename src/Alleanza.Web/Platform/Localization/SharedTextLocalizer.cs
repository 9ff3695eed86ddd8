using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Platform.Localization;

/// <summary>
/// The localizer factory of the views, the pages and the validation messages: for the shared resources it hands out a
/// localizer that reads through <see cref="Tr"/>'s cache (the stock one asks ResourceManager at every call); any other
/// resource goes to the stock factory.
/// </summary>
public sealed class SharedTextLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    readonly ResourceManagerStringLocalizerFactory stock = new(options, loggers);
    SharedTextLocalizer? shared;

    public IStringLocalizer Create(Type resourceSource) =>
        resourceSource == typeof(SharedResource) ? shared ??= new SharedTextLocalizer(stock.Create(resourceSource)) : stock.Create(resourceSource);

    public IStringLocalizer Create(string baseName, string location) => stock.Create(baseName, location);
}

/// <summary>The shared texts, as the stock localizer gives them (the Italian key when no language has it), from one cache.</summary>
sealed class SharedTextLocalizer(IStringLocalizer stock) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = Tr.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = Tr.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text ?? name, arguments), resourceNotFound: text is null);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => stock.GetAllStrings(includeParentCultures);
}
