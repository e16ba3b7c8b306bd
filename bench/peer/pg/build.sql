-- PostgreSQL FTS build.  Input: the JSONL corpus on psql's standard input.
-- Stores only what search and ranking need (id + tsvector), like the other
-- engines' indexes; the raw JSON is staged in an unlogged table and dropped.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS docs, staging, lang_cfg;

CREATE TABLE lang_cfg(code text PRIMARY KEY, cfg regconfig NOT NULL);
INSERT INTO lang_cfg VALUES
  ('ar','arabic'), ('hy','armenian'), ('eu','basque'), ('ca','catalan'), ('da','danish'),
  ('nl','dutch'), ('en','english'), ('fi','finnish'), ('fr','french'), ('de','german'),
  ('el','greek'), ('hi','hindi'), ('hu','hungarian'), ('id','indonesian'), ('ga','irish'),
  ('it','italian'), ('lt','lithuanian'), ('ne','nepali'), ('no','norwegian'), ('nb','norwegian'),
  ('pt','portuguese'), ('ro','romanian'), ('ru','russian'), ('sr','serbian'), ('es','spanish'),
  ('sv','swedish'), ('ta','tamil'), ('tr','turkish'), ('yi','yiddish')
ON CONFLICT DO NOTHING;
-- drop mappings to configurations this server does not have
DELETE FROM lang_cfg WHERE cfg::text NOT IN (SELECT cfgname FROM pg_ts_config);

CREATE UNLOGGED TABLE staging(line text);
-- one raw line per row: CSV with quote/delimiter bytes that cannot occur in JSON text
\copy staging(line) FROM pstdin WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')

CREATE OR REPLACE FUNCTION bench_try_json(t text) RETURNS json LANGUAGE plpgsql IMMUTABLE AS $f$
BEGIN RETURN t::json; EXCEPTION WHEN others THEN RETURN NULL; END $f$;

BEGIN;
CREATE TABLE docs(id text, d date, tsv tsvector);
-- fast path: plain ::json cast; if any line is malformed, redo the load with
-- a per-line safe cast that skips bad lines (as the other engines do)
DO $d$
DECLARE
  ins constant text := $q$
    INSERT INTO docs(id, d, tsv)
    SELECT s.j->>'id',
           -- YYYY-MM-DD prefix of "date" (an impossible day such as 02-30 rolls over; no error)
           CASE WHEN s.j->>'date' ~ '^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])'
                THEN (substr(s.j->>'date', 1, 7) || '-01')::date + (substr(s.j->>'date', 9, 2)::int - 1) END,
           to_tsvector(coalesce(c.cfg, 'simple'::regconfig),
                       CASE WHEN coalesce(s.j->>'title','') = '' THEN coalesce(s.j->>'text','')
                            ELSE (s.j->>'title') || E'\n' || coalesce(s.j->>'text','') END)
    FROM (SELECT %s AS j FROM staging WHERE line IS NOT NULL AND line <> '') s
    LEFT JOIN lang_cfg c ON c.code = lower(s.j->>'lang')
    WHERE json_typeof(s.j) = 'object' $q$;
BEGIN
  BEGIN
    EXECUTE format(ins, 'line::json');
  EXCEPTION WHEN others THEN
    RAISE WARNING 'malformed corpus line(s) (%); loading again, skipping them', SQLERRM;
    TRUNCATE docs;
    EXECUTE format(ins, 'bench_try_json(line)');
  END;
END $d$;
CREATE INDEX docs_tsv_gin ON docs USING gin(tsv);
CREATE INDEX docs_d ON docs(d);  -- for the date-filtered mode (the planner may combine it with the GIN index)
COMMIT;
DROP TABLE staging;
VACUUM ANALYZE docs;

SELECT count(*) AS docs FROM docs \gset
\echo PG_DOCS :docs
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1] AS hwm \gset
\echo PG_BACKEND_VMHWM_KB :hwm
SELECT a[12]::bigint + a[13]::bigint AS ticks   -- utime + stime of this backend
FROM (SELECT string_to_array((regexp_match(pg_read_file('/proc/self/stat'), '\) (.*)$'))[1], ' ') AS a) s \gset
\echo PG_BACKEND_CPU_TICKS :ticks
