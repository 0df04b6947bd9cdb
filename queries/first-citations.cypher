// name: first-citations
// answers: For each document of a level cited by notices of the corpus, each province's first citing notice: its day and the lag from the document's date (the data of `lexgraph leaders` and `lexgraph hazard`). Provinces are those of 2021 the notices belong to; undated notices are left out.
// param: level | level | central | central | the cited documents' level
// param: from | date | none | 2021-01-01 | only documents dated from this day
// param: to | date | none | 2021-12-31 | only documents dated up to this day
// columns: document, document_uid, symbol, document_day, province, first_day, lag_days
// sort: document_uid, first_day, province
// Read from what the build keeps on each cited document (graphbuild/summaries.py: each province's
// first citing notice), not aggregated over every citation at each call.
MATCH (d:Document {level: $level})
WHERE d.first_provinces IS NOT NULL AND d.day IS NOT NULL
  AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
UNWIND range(0, size(d.first_provinces) - 1) AS i
RETURN coalesce(d.label, d.canonical, d.uid) AS document, d.uid AS document_uid, d.canonical AS symbol, d.day AS document_day,
       d.first_provinces[i] AS province, d.first_days[i] AS first_day, d.first_days[i] - d.day AS lag_days
