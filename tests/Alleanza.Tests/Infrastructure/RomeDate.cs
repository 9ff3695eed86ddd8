using Alleanza.Web.Platform;

namespace Alleanza.Tests.Infrastructure;

/// <summary>
/// Today as the app sees it: the date in Italy. In the last hour (two in summer) of the UTC day Rome is already on the
/// next date, and a test that took «today» from <c>DateTime.UtcNow</c> disagreed with the app's pages then.
/// </summary>
public static class RomeDate
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.ToRome());
}
