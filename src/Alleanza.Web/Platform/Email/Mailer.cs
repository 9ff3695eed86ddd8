using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Alleanza.Web.Platform.Email;

public sealed class SmtpSettings
{
    /// <summary>SMTP host; when empty, mails are written as .eml files under <see cref="PickupDirectory"/>.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>TLS: implicit on port 465, STARTTLS on any other port.</summary>
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender when a network has none of its own ("Name &lt;address&gt;" or an address).</summary>
    public string From { get; set; } = "Alleanza <noreply@alleanza.local>";
    public string PickupDirectory { get; set; } = "data/mail";
}

/// <summary>A file sent with a mail, e.g. an .ics invitation ("text/calendar; method=REQUEST").</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One mail ready to go: both parts (<see cref="Html"/> already rendered with <see cref="MailTemplate"/>), the sender
/// (null: <see cref="SmtpSettings.From"/>), extra headers (List-Unsubscribe …) and attachments.
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string Html)
{
    public string? FromName { get; init; }
    public string? FromAddress { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// Sends mail with MailKit/MimeKit: to a real SMTP server, or to .eml files in <see cref="SmtpSettings.PickupDirectory"/>
/// when none is configured. Every mail has a plain-text and an HTML part.
/// </summary>
public sealed class Mailer(Microsoft.Extensions.Options.IOptions<SmtpSettings> options, ILogger<Mailer> log)
{
    /// <summary>
    /// A transactional mail (account, invitation, trial message): the text, and optionally an HTML fragment of the same
    /// content, put in the platform's template without any unsubscribe link.
    /// </summary>
    public Task SendAsync(string to, string subject, string text, string? html = null, CancellationToken ct = default) =>
        SendAsync(to, subject, text, html, [], ct);

    /// <inheritdoc cref="SendAsync(string, string, string, string?, CancellationToken)"/>
    public Task SendAsync(string to, string subject, string text, string? html, IReadOnlyList<MailAttachment> attachments, CancellationToken ct = default)
    {
        var content = new MailContent(subject, text) { BodyHtml = html };
        return SendAsync(new OutgoingMail(to, subject, MailTemplate.Text(content), MailTemplate.Html(content)) { Attachments = attachments }, ct);
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        if (await SendManyAsync([mail], ct) is [var (_, error)]) throw error;
    }

    /// <summary>
    /// Sends several mails over one SMTP connection (opened again after a mail the server refused in a way that closed it).
    /// Answers the mails that failed, by their index in <paramref name="mails"/>, with the reason; the others are sent.
    /// </summary>
    public async Task<IReadOnlyList<(int Index, Exception Error)>> SendManyAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken ct = default)
    {
        var s = options.Value;
        var failures = new List<(int, Exception)>();
        SmtpClient? client = null;
        try
        {
            for (var i = 0; i < mails.Count; i++)
            {
                var mail = mails[i];
                // An address no server could deliver to (forms accept what merely has an «@»): nothing to send, nothing to fail.
                if (!MailboxAddress.TryParse(mail.To, out var to) || string.IsNullOrEmpty(to.Address) || !to.Address.Contains('@'))
                {
                    log.LogWarning("Mail {Subject} not sent: the address is not deliverable", mail.Subject);
                    continue;
                }
                if (s.Host is { } host && !string.IsNullOrWhiteSpace(host) && client is not { IsConnected: true })
                {
                    client?.Dispose();
                    client = new SmtpClient();
                    try
                    {
                        await ConnectAsync(client, host, s, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // No server to talk to: the rest of the batch fails the same way, without knocking again for each.
                        for (var j = i; j < mails.Count; j++) failures.Add((j, e));
                        break;
                    }
                }
                try
                {
                    using var message = Build(mail, s);
                    if (client is null) await WriteToPickupAsync(message, s, ct);
                    else await client.SendAsync(message, ct);
                    log.LogInformation("Mail {Subject} sent to {To} via {Via}", mail.Subject, mail.To, client is null ? "pickup folder" : s.Host);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add((i, e));
                }
            }
            if (client is { IsConnected: true }) await client.DisconnectAsync(true, ct);
        }
        finally
        {
            client?.Dispose();
        }
        return failures;
    }

    static async Task ConnectAsync(SmtpClient client, string host, SmtpSettings s, CancellationToken ct)
    {
        var security = !s.EnableSsl ? SecureSocketOptions.None : s.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(host, s.Port, security, ct);
        if (!string.IsNullOrEmpty(s.UserName)) await client.AuthenticateAsync(s.UserName, s.Password ?? "", ct);
    }

    /// <summary>No SMTP host: the mail as an .eml file in the pickup folder.</summary>
    static async Task WriteToPickupAsync(MimeMessage message, SmtpSettings s, CancellationToken ct)
    {
        var folder = Path.GetFullPath(s.PickupDirectory);
        Directory.CreateDirectory(folder);
        await message.WriteToAsync(Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml"), ct);
    }

    static MimeMessage Build(OutgoingMail mail, SmtpSettings s)
    {
        var message = new MimeMessage();
        var fallback = MailboxAddress.TryParse(s.From, out var parsed) ? parsed : new MailboxAddress("Alleanza", "noreply@alleanza.local");
        // The network's name and address where it has them; the installation's (Smtp:From) for what it lacks.
        var address = !string.IsNullOrWhiteSpace(mail.FromAddress) && MailboxAddress.TryParse(mail.FromAddress.Trim(), out var own) ? own.Address : fallback.Address;
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(mail.FromName) ? fallback.Name : mail.FromName.Trim(), address));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        foreach (var (name, value) in mail.Headers) message.Headers.Add(name, value);
        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var a in mail.Attachments)
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
