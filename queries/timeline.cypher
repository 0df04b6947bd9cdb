// name: timeline
// answers: How many notices each province issued per week or per month.
// param: period | period | month | week | week (ISO weeks, 2021-W31) or month (2021-08)
// param: province | province | none | Cà Mau | only this province
// columns: period, province, notices
// sort: period, province
MATCH (n:Document {status: 'corpus'})
WHERE ($province IS NULL OR n.province = $province) AND n.day IS NOT NULL
RETURN CASE $period WHEN 'week' THEN n.week ELSE n.month END AS period, n.province AS province, count(n) AS notices
