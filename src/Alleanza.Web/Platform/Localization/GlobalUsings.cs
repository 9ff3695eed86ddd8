global using Alleanza.Web.Platform.Localization;
