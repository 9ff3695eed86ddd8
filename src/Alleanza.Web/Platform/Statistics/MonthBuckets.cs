using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Alleanza.Web.Platform.Statistics;

/// <summary>A row's key and the index of its Italian month within a <see cref="MonthPeriod"/>.</summary>
public sealed class MonthBucket<TKey>
{
    public TKey Key { get; set; } = default!;
    public int Index { get; set; }
}

public static class MonthBuckets
{
    /// <summary>
    /// <c>x => new MonthBucket { Key = key(x), Index = at(x) &lt; start[1] ? 0 : at(x) &lt; start[2] ? 1 : … }</c>: the month
    /// computed in SQL as a CASE over the months' first instants in UTC, so a count per month is one GROUP BY on every
    /// engine (no date functions, which differ between SQLite and PostgreSQL, and Italian months, which UTC dates are not).
    /// Use it on rows already limited to the period.
    /// </summary>
    public static Expression<Func<T, MonthBucket<TKey>>> InMonths<T, TKey>(this MonthPeriod period, Expression<Func<T, TKey>> key, Expression<Func<T, DateTime>> at)
    {
        var starts = period.Months.Select(MonthPeriod.MonthStartUtc).ToList();
        var x = Expression.Parameter(typeof(T), "x");
        var when = ReplacingExpressionVisitor.Replace(at.Parameters[0], x, at.Body);
        Expression index = Expression.Constant(starts.Count - 1);
        for (var i = starts.Count - 2; i >= 0; i--)
            index = Expression.Condition(Expression.LessThan(when, Expression.Constant(starts[i + 1])), Expression.Constant(i), index);
        var body = Expression.MemberInit(Expression.New(typeof(MonthBucket<TKey>)),
            Expression.Bind(typeof(MonthBucket<TKey>).GetProperty(nameof(MonthBucket<TKey>.Key))!, ReplacingExpressionVisitor.Replace(key.Parameters[0], x, key.Body)),
            Expression.Bind(typeof(MonthBucket<TKey>).GetProperty(nameof(MonthBucket<TKey>.Index))!, index));
        return Expression.Lambda<Func<T, MonthBucket<TKey>>>(body, x);
    }
}
