namespace Alleanza.Web.Platform.Audit;

/// <summary>Who did what to which record, when (UTC) and from where.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public Guid? NetworkId { get; set; }
    /// <summary>Dotted verb, e.g. "account.signin", "partner.update", "membership.grant".</summary>
    public string Action { get; set; } = "";
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}
