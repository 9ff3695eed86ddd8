using System.Security.Cryptography;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;

namespace Alleanza.Web.Modules.Accounts;

/// <summary>
/// `Alleanza.Web create-admin EMAIL`: makes the account an installation administrator, creating it with a
/// one-time password when it does not exist. How a production installation gets its first administrator.
/// </summary>
public static class CreateAdministrator
{
    public static async Task<int> RunAsync(IServiceProvider services, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            Console.Error.WriteLine("Uso: create-admin indirizzo@email.it");
            return 2;
        }
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var user = await users.FindByEmailAsync(email);
        string? password = null;
        if (user is null)
        {
            password = "Adm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Amministratore", CreatedAt = DateTime.UtcNow };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                Console.Error.WriteLine(string.Join("; ", created.Errors.Select(e => e.Description)));
                return 1;
            }
        }
        user.IsAdministrator = true;
        await users.UpdateAsync(user);
        await audit.WriteAsync("account.administrator-grant", nameof(AppUser), user.Id, email, userName: "create-admin");
        Console.WriteLine(password is null
            ? $"{email} è ora amministratore."
            : $"Creato l'amministratore {email} con la password temporanea {password} (cambiala al primo accesso).");
        return 0;
    }
}
