using System.ComponentModel.DataAnnotations;
using Alleanza.Web.Platform.Auth;

namespace Alleanza.Web.Modules.Network.Pages.Manage;

/// <summary>An invitation to take a role: email and role, validated with Italian messages.</summary>
public sealed class InviteForm
{
    [Required(ErrorMessage = "Inserisci l'indirizzo email della persona da invitare.")]
    [EmailAddress(ErrorMessage = "Inserisci un indirizzo email valido.")]
    [StringLength(256, ErrorMessage = "L'indirizzo email è troppo lungo.")]
    [Display(Name = "Email della persona")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Scegli il ruolo.")]
    [EnumDataType(typeof(NetworkRole), ErrorMessage = "Scegli un ruolo dall'elenco.")]
    [Display(Name = "Ruolo")]
    public NetworkRole? Role { get; set; }
}
