using Alleanza.Web.Platform.Notifications;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>The purchasing groups' notification kinds (listed in <see cref="NotificationKinds.All"/>).</summary>
public static class PurchasingKinds
{
    public static NotificationKind Cycle => NotificationKinds.GafCycle;
    public static NotificationKind Account => NotificationKinds.GafAccount;
}
