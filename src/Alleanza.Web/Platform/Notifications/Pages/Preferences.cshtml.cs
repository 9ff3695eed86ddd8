using Alleanza.Web.Platform.Auth;
using Alleanza.Web.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Platform.Notifications.Pages;

/// <summary>/account/notifiche/preferenze: per kind of event (those of the person's roles), a mail now, in the daily digest, or none.</summary>
[Authorize(Policy = Policies.Member)]
public class PreferencesModel(NotificationService notifications, CurrentAccess access) : PageModel
{
    public sealed class Choice
    {
        public string? Kind { get; set; }
        public string? Value { get; set; }
    }

    [BindProperty] public List<Choice> Input { get; set; } = [];

    public IReadOnlyList<NotificationKind> Kinds { get; private set; } = [];
    public Dictionary<string, Delivery> Current { get; private set; } = [];
    public bool Saved { get; private set; }

    public static string ValueOf(Delivery d) => d switch { Delivery.Immediate => "subito", Delivery.Digest => "riepilogo", _ => "no" };
    static Delivery? Parse(string? v) => v switch { "subito" => Delivery.Immediate, "riepilogo" => Delivery.Digest, "no" => Delivery.Off, _ => null };

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Saved = TempData["preferenze"] is string;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var user = access.UserId!.Value;
        var posted = new Dictionary<string, Delivery>();
        for (var i = 0; i < Input.Count; i++)
        {
            var kind = Kinds.FirstOrDefault(k => k.Key == Input[i].Kind);
            if (kind is null) continue; // not a kind of this person's: ignored
            if (Parse(Input[i].Value) is not { } d || !kind.Choices.Contains(d))
            {
                ModelState.AddModelError($"Input[{i}].Value", Tr.Get("Scegli come ricevere «{0}».", Tr.Get(kind.Label)));
                continue;
            }
            posted[kind.Key] = d;
        }
        if (!ModelState.IsValid)
        {
            foreach (var (key, d) in posted) Current[key] = d; // keep what was chosen
            return Page();
        }
        foreach (var (key, d) in posted)
            if (Current[key] != d) await notifications.SetPreferenceAsync(user, key, d, HttpContext.RequestAborted);
        TempData["preferenze"] = "salvate";
        return RedirectToPage();
    }

    async Task LoadAsync()
    {
        var roles = (await access.MembershipsAsync()).Select(m => m.Role).ToHashSet();
        var all = access.IsAdministrator;
        // The kinds of the person's roles, and any kind they have been told about (a family member of a working table hears of its meetings).
        var received = await notifications.KindsReceivedAsync(access.UserId!.Value, HttpContext.RequestAborted);
        Kinds = NotificationKinds.All.Where(k => all || k.Concerns(roles) || received.Contains(k.Key)).ToList();
        Current = await notifications.PreferencesAsync(access.UserId!.Value, HttpContext.RequestAborted);
    }
}
