using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alleanza.Tests.Infrastructure;

/// <summary>Reads the mails the app sent through the real SMTP sink (maildev) started by scripts/test.</summary>
public static partial class Mailbox
{
    static readonly HttpClient Http = new();

    public sealed record Mail(string To, string Subject, string Text);

    /// <summary>Waits (up to 10 s) for the newest mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public static async Task<Mail> WaitForAsync(string to, string subject)
    {
        var api = TestEnvironment.MaildevApi
            ?? throw new InvalidOperationException("ALLEANZA_TEST_MAILDEV is not set: run the tests with scripts/test, which starts maildev.");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var mails = await Http.GetFromJsonAsync<JsonElement>($"{api}/email");
            var match = mails.EnumerateArray().Reverse()
                .Select(m => new Mail(
                    string.Join(",", m.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString())),
                    m.GetProperty("subject").GetString() ?? "",
                    m.TryGetProperty("text", out var t) ? t.GetString() ?? "" : ""))
                .FirstOrDefault(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail «{subject}» to {to} reached maildev.");
            await Task.Delay(200);
        }
    }

    /// <summary>How many mails maildev holds whose subject contains <paramref name="subject"/> (to anyone).</summary>
    public static async Task<int> CountAsync(string subject)
    {
        var api = TestEnvironment.MaildevApi ?? throw new InvalidOperationException("ALLEANZA_TEST_MAILDEV is not set: run the tests with scripts/test, which starts maildev.");
        var mails = await Http.GetFromJsonAsync<JsonElement>($"{api}/email");
        return mails.EnumerateArray().Count(m => (m.GetProperty("subject").GetString() ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Waits (up to 10 s) for the newest mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>
    /// and returns the text of its attachment named <paramref name="fileName"/>.
    /// </summary>
    public static async Task<string> AttachmentAsync(string to, string subject, string fileName)
    {
        var api = TestEnvironment.MaildevApi
            ?? throw new InvalidOperationException("ALLEANZA_TEST_MAILDEV is not set: run the tests with scripts/test, which starts maildev.");
        await WaitForAsync(to, subject);
        var mails = await Http.GetFromJsonAsync<JsonElement>($"{api}/email");
        var mail = mails.EnumerateArray().Reverse().First(m =>
            m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), to, StringComparison.OrdinalIgnoreCase))
            && (m.GetProperty("subject").GetString() ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase));
        var attachment = mail.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().FirstOrDefault(a => a.GetProperty("fileName").GetString() == fileName)
            : default;
        Assert.True(attachment.ValueKind == JsonValueKind.Object, $"No attachment {fileName} in mail «{subject}» to {to}.");
        var stored = attachment.TryGetProperty("generatedFileName", out var g) ? g.GetString() : fileName;
        return await Http.GetStringAsync($"{api}/email/{mail.GetProperty("id").GetString()}/attachment/{Uri.EscapeDataString(stored!)}");
    }

    /// <summary>A mail as maildev parsed it: its headers (names in lower case), both parts, and how many such mails reached the person.</summary>
    public sealed record FullMail(string Subject, string Text, string Html, IReadOnlyDictionary<string, string> Headers, int Count);

    /// <summary>Waits (up to 10 s) for the newest mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>, with its headers and HTML.</summary>
    public static async Task<FullMail> FullAsync(string to, string subject)
    {
        await WaitForAsync(to, subject);
        var matches = await MatchesAsync(to, subject);
        var m = matches[^1];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (m.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            foreach (var p in h.EnumerateObject()) headers[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString();
        return new(m.GetProperty("subject").GetString() ?? "", m.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "",
            m.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString()! : "", headers, matches.Count);
    }

    /// <summary>How many mails to <paramref name="to"/> whose subject contains <paramref name="subject"/> maildev holds now.</summary>
    public static async Task<int> CountToAsync(string to, string subject) => (await MatchesAsync(to, subject)).Count;

    static async Task<List<JsonElement>> MatchesAsync(string to, string subject)
    {
        var api = TestEnvironment.MaildevApi ?? throw new InvalidOperationException("ALLEANZA_TEST_MAILDEV is not set: run the tests with scripts/test, which starts maildev.");
        var mails = await Http.GetFromJsonAsync<JsonElement>($"{api}/email");
        return mails.EnumerateArray().Where(m =>
            m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), to, StringComparison.OrdinalIgnoreCase))
            && (m.GetProperty("subject").GetString() ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The first link in the mail's text, as a path and query on the app.</summary>
    public static string LinkIn(Mail mail)
    {
        var url = LinkPattern().Match(mail.Text).Value;
        Assert.False(string.IsNullOrEmpty(url), $"No link in mail «{mail.Subject}»: {mail.Text}");
        return new Uri(url).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
