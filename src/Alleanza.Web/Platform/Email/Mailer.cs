using System.Net;
using System.Net.Mail;
using System.Net.Mime;

namespace Alleanza.Web.Platform.Email;

public sealed class SmtpSettings
{
    /// <summary>SMTP host; when empty, mails are written as .eml files under <see cref="PickupDirectory"/>.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Alleanza <noreply@alleanza.local>";
    public string PickupDirectory { get; set; } = "data/mail";
}

/// <summary>A file sent with a mail, e.g. an .ics invitation ("text/calendar; method=REQUEST").</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends mail with System.Net.Mail: to a real SMTP server, or to .eml files when none is configured.</summary>
public sealed class Mailer(Microsoft.Extensions.Options.IOptions<SmtpSettings> options, ILogger<Mailer> log)
{
    public Task SendAsync(string to, string subject, string text, string? html = null, CancellationToken ct = default) =>
        SendAsync(to, subject, text, html, [], ct);

    public async Task SendAsync(string to, string subject, string text, string? html, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default)
    {
        var s = options.Value;
        using var message = new MailMessage { From = new MailAddress(s.From.Contains('<') ? ExtractAddress(s.From) : s.From, ExtractName(s.From)), Subject = subject };
        message.To.Add(to);
        message.BodyEncoding = System.Text.Encoding.UTF8;
        message.SubjectEncoding = System.Text.Encoding.UTF8;
        message.Body = text;
        if (html is not null)
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        foreach (var a in attachments)
            message.Attachments.Add(new Attachment(new MemoryStream(a.Content), a.FileName, a.ContentType)); // disposed with the message

        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(s.Host))
        {
            var folder = Path.GetFullPath(s.PickupDirectory);
            Directory.CreateDirectory(folder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = folder;
        }
        else
        {
            client.Host = s.Host;
            client.Port = s.Port;
            client.EnableSsl = s.EnableSsl;
            if (!string.IsNullOrEmpty(s.UserName)) client.Credentials = new NetworkCredential(s.UserName, s.Password);
        }
        await client.SendMailAsync(message, ct);
        log.LogInformation("Mail {Subject} sent to {To} via {Via}", subject, to, string.IsNullOrWhiteSpace(s.Host) ? "pickup folder" : s.Host);
    }

    static string ExtractAddress(string from) => from[(from.IndexOf('<') + 1)..from.IndexOf('>')].Trim();
    static string? ExtractName(string from) => from.Contains('<') ? from[..from.IndexOf('<')].Trim() : null;
}
