// name: warnings
// answers: What the build noticed while reading each notice (legacy font converted, read by OCR, a blank number, a symbol that disagrees with its type …), one row per warning, with the file it came from.
// param: province | province | none | Điện Biên | only the notices of that province
// columns: file, document, province, warning
// sort: file, warning
// ``warned`` (how many warnings a notice has, set by the build where it has any) is indexed: the
// notices with warnings are found without reading every notice.
MATCH (d:Document)
WHERE d.warned > 0 AND d.status = 'corpus' AND ($province IS NULL OR d.province = $province)
UNWIND d.warnings AS warning
RETURN d.source AS file, coalesce(d.label, d.uid) AS document, d.province AS province, warning
