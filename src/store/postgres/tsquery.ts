/**
 * A SearchQuery, written as quoted terms (search-query.ts), as a PostgreSQL
 * tsquery: websearch_to_tsquery keeps quoted phrases as phrases (<->), ANDs
 * the rest, and never fails on user text. 'english' stems as the generated
 * tsvector columns do (schema.ts), as SQLite's porter tokenizer stems.
 */
export const TSQUERY = (param: string) => `websearch_to_tsquery('english', ${param})`;
