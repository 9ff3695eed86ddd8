namespace Alleanza.Web.Platform;

/// <summary>
/// Marker type for the shared texts in Resources/Platform.SharedResource*.resx: the neutral file holds every Italian
/// text (the key is the text), each language file its translations (see <see cref="Localization.Languages"/>).
/// </summary>
public sealed class SharedResource;
