using Microsoft.AspNetCore.Identity;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>Identity's error messages in the reader's language (Italian keys of the shared resources).</summary>
public sealed class ItalianIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = Tr.Get("Si è verificato un errore. Riprova.") };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = Tr.Get("L'indirizzo {0} è già registrato.", email) };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = Tr.Get("L'indirizzo {0} è già registrato.", userName) };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = Tr.Get("L'indirizzo email non è valido.") };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = Tr.Get("Il nome utente contiene caratteri non ammessi.") };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = Tr.Get("Il collegamento non è valido o è scaduto.") };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = Tr.Get("La password attuale non è corretta.") };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = Tr.Get("La password deve avere almeno {0} caratteri.", length) };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = Tr.Get("La password deve contenere almeno una cifra.") };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = Tr.Get("La password deve contenere almeno una lettera minuscola.") };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = Tr.Get("La password deve contenere almeno una lettera maiuscola.") };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = Tr.Get("La password deve contenere almeno un simbolo.") };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = Tr.Get("La password deve contenere almeno {0} caratteri diversi.", uniqueChars) };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = Tr.Get("Il blocco non è attivo per questo account.") };
    public override IdentityError RecoveryCodeRedemptionFailed() => new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = Tr.Get("Il codice di recupero non è valido.") };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = Tr.Get("I dati sono stati modificati da un'altra persona: ricarica la pagina.") };
}
