using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Platform.Notifications.IoApp;

/// <summary>
/// The IO app (PagoPA's app of the Italian public services): a network that has an IO service sends its people's notifications
/// there too, to those who gave their codice fiscale. Off unless <c>Notifications:IoApp:Enabled</c>.
/// </summary>
public sealed class IoAppOptions
{
    public bool Enabled { get; set; }
    /// <summary>The IO API's root; the real one is https://api.io.pagopa.it/api/v1.</summary>
    public string BaseUrl { get; set; } = "https://api.io.pagopa.it/api/v1";
    /// <summary>The service's subscription key (Ocp-Apim-Subscription-Key), from IO's back office.</summary>
    public string? ApiKey { get; set; }
}

public enum IoAppOutcome { Sent, Disabled, NotAnIoUser, NotAllowedBySender, Refused, Unreachable }

/// <summary>
/// The IO messages API: first the profile (is the person on IO and does they accept this service's messages?), then the
/// message. Subjects are 10–120 characters and texts at least 80 (IO's rules): short ones are completed with the sender.
/// </summary>
public sealed class IoAppClient(HttpClient http, IOptions<IoAppOptions> options, ILogger<IoAppClient> log)
{
    sealed record ProfileRequest([property: JsonPropertyName("fiscal_code")] string FiscalCode);
    sealed record Profile([property: JsonPropertyName("sender_allowed")] bool SenderAllowed);
    sealed record Content([property: JsonPropertyName("subject")] string Subject, [property: JsonPropertyName("markdown")] string Markdown);
    sealed record MessageRequest(
        [property: JsonPropertyName("fiscal_code")] string FiscalCode,
        [property: JsonPropertyName("feature_level_type")] string FeatureLevelType,
        [property: JsonPropertyName("content")] Content Content);

    public bool Enabled => options.Value.Enabled && !string.IsNullOrWhiteSpace(options.Value.ApiKey);

    public async Task<IoAppOutcome> SendAsync(string fiscalCode, string subject, string text, string sender, CancellationToken cancel = default)
    {
        if (!Enabled) return IoAppOutcome.Disabled;
        var root = options.Value.BaseUrl.TrimEnd('/');
        try
        {
            using var profileRequest = Request(HttpMethod.Post, $"{root}/profiles", new ProfileRequest(fiscalCode));
            using var profile = await http.SendAsync(profileRequest, cancel);
            if (profile.StatusCode == HttpStatusCode.NotFound) return IoAppOutcome.NotAnIoUser;
            if (!profile.IsSuccessStatusCode) return Refused("profilo", profile.StatusCode);
            if ((await profile.Content.ReadFromJsonAsync<Profile>(cancel))?.SenderAllowed != true) return IoAppOutcome.NotAllowedBySender;

            using var messageRequest = Request(HttpMethod.Post, $"{root}/messages",
                new MessageRequest(fiscalCode, "STANDARD", new Content(Subject(subject), Markdown(text, sender))));
            using var sent = await http.SendAsync(messageRequest, cancel);
            return sent.IsSuccessStatusCode ? IoAppOutcome.Sent : Refused("messaggio", sent.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            log.LogWarning(e, "App IO non raggiungibile");
            return IoAppOutcome.Unreachable;
        }
    }

    HttpRequestMessage Request(HttpMethod method, string url, object body)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Ocp-Apim-Subscription-Key", options.Value.ApiKey);
        return request;
    }

    IoAppOutcome Refused(string what, HttpStatusCode status)
    {
        log.LogWarning("L'app IO ha rifiutato il {What}: HTTP {Status}", what, (int)status);
        return IoAppOutcome.Refused;
    }

    /// <summary>10–120 characters.</summary>
    public static string Subject(string subject)
    {
        subject = subject.Trim();
        if (subject.Length > 120) subject = subject[..119] + "…";
        return subject.Length < 10 ? (subject + " — avviso").PadRight(10, '.') : subject;
    }

    /// <summary>At least 80 characters (and at most 10 000): the text, then who sends it.</summary>
    public static string Markdown(string text, string sender)
    {
        var body = $"{text.Trim()}\n\n---\nMessaggio di {sender}, inviato tramite la piattaforma Alleanza per le famiglie.";
        if (body.Length > 10_000) body = body[..9_999] + "…";
        return body.Length < 80 ? body.PadRight(80) : body;
    }
}
