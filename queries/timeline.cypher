// name: timeline
// answers: How many notices each province issued per week or per month.
// param: period | period | month | week | week (ISO weeks, 2021-W31) or month (2021-08)
// param: province | province | none | Cà Mau | only this province
// columns: period, province, notices
// sort: period, province
// The counts are kept on each province by the build (graphbuild/summaries.py).
MATCH (p:Province)
WHERE $province IS NULL OR p.name = $province
WITH p, CASE $period WHEN 'week' THEN p.weeks ELSE p.months END AS periods,
        CASE $period WHEN 'week' THEN p.week_counts ELSE p.month_counts END AS counts
WHERE size(periods) > 0
UNWIND range(0, size(periods) - 1) AS i
RETURN periods[i] AS period, p.name AS province, counts[i] AS notices
