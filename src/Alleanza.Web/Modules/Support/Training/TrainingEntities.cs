namespace Alleanza.Web.Modules.Support.Training;

public enum TrainingAudience
{
    Operators = 1,
    Volunteers = 2,
    Both = 3,
}

public static class TrainingAudiences
{
    public static string Label(TrainingAudience a) => a switch
    {
        TrainingAudience.Operators => Tr.Get("Operatori"),
        TrainingAudience.Volunteers => Tr.Get("Volontari"),
        _ => Tr.Get("Operatori e volontari"),
    };
}

/// <summary>A training course for the network's social operators and volunteers, organised by a partner (or the coordination).</summary>
public class TrainingCourse
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    /// <summary>The organising partner, whose staff manage the course (null: the network's coordination).</summary>
    public Guid? PartnerId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public TrainingAudience Audience { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A module of a course: a group of sessions on one subject.</summary>
public class TrainingModule
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public int Order { get; set; }
    public string Title { get; set; } = "";
}

/// <summary>A dated lesson of a course; its hours are its length.</summary>
public class TrainingSession
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid CourseId { get; set; }
    public Guid? ModuleId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Place { get; set; }

    public double Hours => (EndsAt - StartsAt).TotalHours;
}

/// <summary>A person enrolled in a course. The certificate's number is fixed at the first download.</summary>
public class TrainingEnrolment
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
    public DateTime EnrolledAt { get; set; }
}

/// <summary>An enrolled person present at a session (one row per person and session).</summary>
public class TrainingAttendance
{
    public Guid SessionId { get; set; }
    public Guid UserId { get; set; }
    public DateTime AddedAt { get; set; }
}
