using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Alleanza.Web.Modules.Network.Messages;

/// <summary>Comunicazioni: the coordinator writes to families or partners; partners write to the registrants of a date.</summary>
public static class MessagesModule
{
    public static IServiceCollection AddNetworkMessages(this IServiceCollection services)
    {
        services.AddScoped<NetworkMessages>();
        services.AddSingleton<MessageSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageSender>());
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Modules/Network/Messages/Pages", Policies.ManageNetwork));
        return services;
    }
}
