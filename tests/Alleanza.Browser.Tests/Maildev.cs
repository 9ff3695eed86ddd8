using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alleanza.Browser.Tests;

/// <summary>maildev's REST API: GET {base}/email lists the received mails (to, subject, text, html).</summary>
public sealed partial class Maildev(string baseUrl)
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public sealed record Mail(string Subject, string Text, string Html);

    /// <summary>Waits (up to 20 s) for the newest mail sent to <paramref name="address"/> with the given subject.</summary>
    public async Task<Mail> WaitForAsync(string address, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var mails = await Http.GetFromJsonAsync<JsonElement>($"{baseUrl.TrimEnd('/')}/email");
            foreach (var m in mails.EnumerateArray().Reverse())
            {
                var to = m.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Select(a => a.TryGetProperty("address", out var x) ? x.GetString() : null) : [];
                if (!to.Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase))) continue;
                if (Str(m, "subject") != subject) continue;
                return new Mail(Str(m, "subject"), Str(m, "text"), Str(m, "html"));
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No mail «{subject}» to {address} reached maildev ({baseUrl}) within 20 s.");
            await Task.Delay(250);
        }
    }

    /// <summary>The first link in the mail's text that goes to <paramref name="path"/>.</summary>
    public static string LinkTo(Mail mail, string path)
    {
        var match = Regex.Match(mail.Text, $@"https?://\S+{Regex.Escape(path)}\S*");
        if (!match.Success) throw new InvalidOperationException($"The mail «{mail.Subject}» has no link to {path}:\n{mail.Text}");
        return match.Value;
    }

    static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
